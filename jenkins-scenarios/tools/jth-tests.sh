#!/usr/bin/env bash
# jth-tests.sh - compile and run the plugins' JenkinsRule tests (src/test/java) on a workplace without the
# Jenkins Maven repository: jenkins-test-harness and the workflow test classes are compiled from their
# sources (fetched GitHub snapshots), the rest comes from Maven Central. A stand-in for
# `mvn -Pjenkins verify`, not a replacement: the real build uses the BOM's (newer) plugin versions.
#
#   jenkins-scenarios/tools/jth-tests.sh compile tracking datasets      # javac only
#   jenkins-scenarios/tools/jth-tests.sh test gpu-agents [TestClass…]   # compile, then run with JUnitCore
#
# Needs: `CT_JENKINS_WORK=$W jenkins-scenarios/harness.sh build` done first ($W/run/sdk and $W/hpi), and
# the fetched snapshots of jenkinsci/{jenkins-test-harness,workflow-step-api-plugin,workflow-cps-plugin,
# workflow-support-plugin} (+ configuration-as-code-plugin for promotion's JCasC test) under $CT_MIRRORS.
# Environment: CT_JENKINS_WORK (default ${TMPDIR:-/tmp}/ct-jenkins), CT_MIRRORS (default /work/.mirror),
# CT_JTH_WORK scratch dir (default ${TMPDIR:-/tmp}/ct-jth). Nothing is written into the repository.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=${CT_JENKINS_WORK:-${TMPDIR:-/tmp}/ct-jenkins}
mirrors=${CT_MIRRORS:-/work/.mirror}
out=${CT_JTH_WORK:-${TMPDIR:-/tmp}/ct-jth}
sdk=$work/run/sdk
# Versions: JTH of plugin POM 5.18 (jenkins-test-harness.version); workflow test classes at the versions
# of the harness SDK (plugins.tsv); configuration-as-code of bom-2.479.x 5054.v620b_5d2b_d5e6.
JTH=2462.v7cd38b_7a_361b_ JETTY=12.0.22 HTMLUNIT=4.13.0 CASC=1971.vf9280461ea_89

die() { echo "jth-tests.sh: $*" >&2; exit 2; }
log() { echo "[jth] $*" >&2; }
[[ -f $sdk/classpath.txt ]] || die "no SDK in $sdk: run jenkins-scenarios/harness.sh build first"
mode=${1:-}; shift || true
[[ $mode == compile || $mode == test ]] || { sed -n '2,15p' "$0"; exit 2; }
area=${1:-}; [[ -n $area ]] || die "name a plugin: tracking, datasets, promotion or gpu-agents"; shift
[[ $mode == compile ]] && areas=("$area" "$@") || areas=("$area")
mkdir -p "$out"
git_at() { git --git-dir="$mirrors/jenkinsci+$1/repo" archive "$2" "${@:3}"; }
version_of() { awk -v p="$1" '$1 == p {print $2}' "$sdk/plugins.tsv"; }

# Maven Central libraries: a throwaway POM, resolved with the ordinary client.
central_cp() { # name, dependency XML
  local d=$out/deps-$1
  if [[ ! -f $d/cp.txt ]]; then
    mkdir -p "$d"
    cat >"$d/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>tmp</groupId><artifactId>$1</artifactId><version>1</version><packaging>pom</packaging>
<dependencyManagement><dependencies>
<dependency><groupId>org.eclipse.jetty</groupId><artifactId>jetty-bom</artifactId><version>$JETTY</version><type>pom</type><scope>import</scope></dependency>
<dependency><groupId>org.eclipse.jetty.ee9</groupId><artifactId>jetty-ee9-bom</artifactId><version>$JETTY</version><type>pom</type><scope>import</scope></dependency>
<dependency><groupId>org.eclipse.jetty.ee10</groupId><artifactId>jetty-ee10-bom</artifactId><version>$JETTY</version><type>pom</type><scope>import</scope></dependency>
</dependencies></dependencyManagement><dependencies>$2</dependencies></project>
EOF
    (cd "$d" && mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile=cp.raw) >&2
    # hamcrest-core 1.3 (from junit) would shadow Hamcrest 3.0, as the plugin POM manages it away
    tr ':' '\n' <"$d/cp.raw" | grep -v '/hamcrest-core-1\.3\.jar$' | paste -sd: >"$d/cp.txt"
  fi
  cat "$d/cp.txt"
}
dep() { echo "<dependency><groupId>$1</groupId><artifactId>$2</artifactId>${3:+<version>$3</version>}</dependency>"; }
jthdeps=$(central_cp jth "$(dep org.htmlunit htmlunit $HTMLUNIT)$(dep org.eclipse.jetty jetty-security)\
$(dep org.eclipse.jetty.ee9 jetty-ee9-webapp)$(dep org.eclipse.jetty.ee9.websocket jetty-ee9-websocket-jetty-server)\
$(dep org.eclipse.jetty.ee10 jetty-ee10-webapp)$(dep org.eclipse.jetty.ee10.websocket jetty-ee10-websocket-jetty-server)\
$(dep junit junit 4.13.2)$(dep org.hamcrest hamcrest 3.0)$(dep org.junit.jupiter junit-jupiter-api 5.13.2)\
$(dep org.netbeans.modules org-netbeans-insane RELEASE200)$(dep org.openjdk.jmh jmh-core 1.37)\
$(dep com.github.spotbugs spotbugs-annotations 4.8.6)$(dep org.kohsuke.metainf-services metainf-services 1.11)\
$(dep org.assertj assertj-core 3.27.7)$(dep com.tngtech.archunit archunit-junit4 1.4.1)")
base_cp="$(cat "$sdk/classpath.txt"):$jthdeps"
jc() { javac --release 17 -encoding UTF-8 -parameters -g -nowarn -Xmaxerrs 500 "$@"; }

# jenkins-test-harness, named like the Maven artifact (Jenkins' class filter trusts that name in tests).
jth_jar=$out/jenkins-test-harness-$JTH.jar
if [[ ! -f $jth_jar ]]; then
  log "compiling jenkins-test-harness $JTH"
  rm -rf "$out/jth" && mkdir -p "$out/jth/classes"
  git_at jenkins-test-harness "$JTH" src/main | tar -x -C "$out/jth"
  # Two small libraries that are only in the Jenkins repository get stand-ins written here, with just
  # the API jenkins-test-harness compiles against: support-log-formatter's formatter class and
  # fips-bundle-test's provider interface (RealJenkinsRule).
  mkdir -p "$out/jth/extra/io/jenkins/lib/support_log_formatter" "$out/jth/extra/io/jenkins/test/fips"
  cat >"$out/jth/extra/io/jenkins/lib/support_log_formatter/SupportLogFormatter.java" <<'EOF'
package io.jenkins.lib.support_log_formatter;
import java.io.*;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.TimeZone;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
public class SupportLogFormatter extends Formatter {
  private static final ThreadLocal<SimpleDateFormat> DATE = ThreadLocal.withInitial(() -> {
    SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss.SSSZ");
    f.setTimeZone(TimeZone.getTimeZone("UTC"));
    return f;
  });
  protected String formatTime(LogRecord r) { return DATE.get().format(new Date(r.getMillis())); }
  @Override public String format(LogRecord r) {
    String src = r.getSourceClassName() == null ? r.getLoggerName() : r.getSourceClassName();
    StringBuilder b = new StringBuilder(formatTime(r)).append(" [id=").append(r.getLongThreadID()).append("]\t")
        .append(r.getLevel().getName()).append('\t');
    b.append(r.getSourceMethodName() != null ? abbreviateClassName(src, 32) + "#" + r.getSourceMethodName() : abbreviateClassName(src, 40));
    String m = formatMessage(r);
    if (m != null) b.append(": ").append(m);
    b.append('\n');
    if (r.getThrown() != null) b.append(printThrowable(r.getThrown()));
    return b.toString();
  }
  public String abbreviateClassName(String fqcn, int targetLength) {
    if (fqcn == null) return "-";
    if (fqcn.length() < targetLength) return fqcn;
    String[] parts = fqcn.split("\\.");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) b.append(parts[i].isEmpty() ? "" : parts[i].substring(0, 1)).append('.');
    return b.append(parts[parts.length - 1]).toString();
  }
  public static String printThrowable(Throwable t) {
    if (t == null) return "No Exception details";
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
  public static void printStackTrace(Throwable t, PrintWriter pw) { pw.println(printThrowable(t).trim()); }
  public static void printStackTrace(Throwable t, PrintStream ps) { ps.println(printThrowable(t).trim()); }
}
EOF
  cat >"$out/jth/extra/io/jenkins/test/fips/FIPSTestBundleProvider.java" <<'EOF'
package io.jenkins.test.fips;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.ServiceLoader;
public interface FIPSTestBundleProvider {
  String getVersion();
  List<String> getJavaOptions() throws IOException;
  List<File> getBootClasspathFiles() throws IOException;
  static FIPSTestBundleProvider get() { return get("fips-140_2-1.x"); }
  static FIPSTestBundleProvider get(String version) {
    return ServiceLoader.load(FIPSTestBundleProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> version.equals(p.getVersion())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no FIPS bundle provider " + version));
  }
}
EOF
  jc -cp "$base_cp" -processorpath "$base_cp" -d "$out/jth/classes" \
    $(find "$out/jth/src/main/java" "$out/jth/extra" -name '*.java')
  cp -r "$out/jth/src/main/resources/." "$out/jth/classes/"
  (cd "$out/jth/classes" && jar cf "$jth_jar" .)
fi

# Test classes of the workflow plugins at the SDK's versions; "-tests.jar" like the Maven classifier.
wf_jar=$out/workflow-tests.jar
if [[ ! -f $wf_jar ]]; then
  log "compiling StepConfigTester, SnippetizerTester, SemaphoreStep"
  rm -rf "$out/wf" && mkdir -p "$out/wf/classes" && cd "$out/wf"
  git_at workflow-step-api-plugin "$(version_of workflow-step-api)" src/test/java/org/jenkinsci/plugins/workflow/steps/StepConfigTester.java \
    src/test/resources/org/jenkinsci/plugins/workflow/steps/StepConfigTester | tar -x
  git_at workflow-cps-plugin "$(version_of workflow-cps)" plugin/src/test/java/org/jenkinsci/plugins/workflow/cps/SnippetizerTester.java \
    plugin/src/test/java/org/jenkinsci/plugins/workflow/cps/DelegatingScript.java | tar -x
  t=src/test/java/org/jenkinsci/plugins/workflow/test/steps
  git_at workflow-support-plugin "$(version_of workflow-support)" $t/SemaphoreStep.java $t/BlockSemaphoreStep.java $t/package-info.java | tar -x
  jc -cp "$base_cp:$jth_jar" -processorpath "$base_cp" -d classes $(find . -name '*.java')
  cp -r src/test/resources/. classes/
  (cd classes && jar cf "$wf_jar" .)
  cd - >/dev/null
fi

# configuration-as-code (promotion's JCasC test): plugin + its test-harness from source, and a .jpi of it.
casc_cp() {
  local d=$out/casc
  if [[ ! -f $d/configuration-as-code.jpi ]]; then
    log "compiling configuration-as-code $CASC"
    rm -rf "$d" && mkdir -p "$d/classes" "$d/stand-in" "$d/jpi/META-INF" "$d/jpi/WEB-INF/lib"
    git_at configuration-as-code-plugin "$CASC" plugin/src/main test-harness/src/main | tar -x -C "$d"
    # prism-api (not in the harness): only its PrismConfiguration.getInstance(), for the viewer page.
    mkdir -p "$d/stand-in-src/io/jenkins/plugins/prism"
    printf 'package io.jenkins.plugins.prism;\npublic class PrismConfiguration {\n  public static PrismConfiguration getInstance() { return null; }\n}\n' \
      >"$d/stand-in-src/io/jenkins/plugins/prism/PrismConfiguration.java"
    jc -proc:none -d "$d/stand-in" "$d/stand-in-src/io/jenkins/plugins/prism/PrismConfiguration.java"
    jc -cp "$base_cp:$jth_jar:$d/stand-in:$cascdeps" -processorpath "$base_cp" -d "$d/classes" \
      $(find "$d/plugin/src/main/java" "$d/test-harness/src/main/java" -name '*.java')
    cp -r "$d/plugin/src/main/resources/." "$d/classes/"
    (cd "$d/classes" && jar cf "$d/configuration-as-code.jar" .)
    (cd "$d/stand-in" && jar cf "$d/prism-stand-in.jar" .)
    cp "$d/configuration-as-code.jar" "$d/prism-stand-in.jar" $(tr ':' '\n' <<<"$cascdeps" | grep /vavr-) "$d/jpi/WEB-INF/lib/"
    deps=""
    for p in caffeine-api commons-text-api json-api snakeyaml-api; do deps="$deps${deps:+,}$p:$(version_of $p)"; done
    printf 'Manifest-Version: 1.0\nShort-Name: configuration-as-code\nPlugin-Version: %s\nJenkins-Version: 2.479.1\nPlugin-Dependencies: %s\n' \
      "$CASC" "$deps" >"$d/MANIFEST.MF"
    (cd "$d/jpi" && jar cfm "$d/configuration-as-code.jpi" "$d/MANIFEST.MF" WEB-INF)
  fi
  echo "$d/configuration-as-code.jar:$d/prism-stand-in.jar:$cascdeps"
}

for a in "${areas[@]}"; do
  mod=$repo/plugin-$a/plugin
  [[ -d $mod/src/test/java ]] || die "no plugin-$a/plugin/src/test/java"
  [[ -f $work/hpi/ct-$a.hpi ]] || die "no $work/hpi/ct-$a.hpi: CT_PLUGINS=$a jenkins-scenarios/harness.sh build"
  r=$out/$a; rm -rf "$r"; mkdir -p "$r/hpi" "$r/target/classes" "$r/target/test-classes/test-dependencies"
  (cd "$r/hpi" && unzip -q "$work/hpi/ct-$a.hpi")
  (cd "$r/target/classes" && unzip -q "$r/hpi/WEB-INF/lib/ct-$a.jar" -x META-INF/MANIFEST.MF)
  libs=$(ls "$r/hpi/WEB-INF/lib/"*.jar | grep -v "/ct-$a.jar$" | paste -sd:)
  extra=""
  if [[ $a == promotion ]]; then
    extra=$(central_cp mws "$(dep com.squareup.okhttp3 mockwebserver 4.12.0)")
    cascdeps=$(central_cp casc "$(dep io.vavr vavr 0.10.6)$(dep com.github.erosb everit-json-schema 1.14.6)\
$(dep com.vladsch.flexmark flexmark-all 0.64.8)$(dep com.github.stefanbirkner system-rules 1.19.0)")
    extra="$extra:$(casc_cp)"
  fi
  # Maven order: test classes, main classes, test libraries (mockwebserver's OkHttp before okhttp-api's), the rest.
  cp="$r/target/classes:$libs${extra:+:$extra}:$base_cp:$jth_jar:$wf_jar"
  log "compiling plugin-$a/plugin/src/test/java"
  if ! jc -cp "$cp" -processorpath "$(cat "$sdk/classpath.txt")" -d "$r/target/test-classes" \
    $(find "$mod/src/test/java" -name '*.java'); then
    die "plugin-$a: test sources do not compile"
  fi
  [[ -d $mod/src/test/resources ]] && cp -r "$mod/src/test/resources/." "$r/target/test-classes/"
  log "plugin-$a: $(find "$mod/src/test/java" -name '*.java' | wc -l) test sources compiled"
  [[ $mode == test ]] || continue

  # What maven-hpi-plugin prepares: the plugin under test as the.jpl, the other plugins in test-dependencies/.
  t=$r/target/test-classes
  for j in "$sdk"/jpi/*.jpi; do ln -s "$j" "$t/test-dependencies/"; basename "$j" .jpi; done >"$t/test-dependencies/index"
  if [[ $a == promotion ]]; then ln -s "$out/casc/configuration-as-code.jpi" "$t/test-dependencies/"; echo configuration-as-code >>"$t/test-dependencies/index"; fi
  python3 - "$t/the.jpl" "$r/hpi" "$r/target/classes/,${libs//:/,}" <<'PY'
import sys
out, hpi, libs = sys.argv[1:]
mf = open(hpi + '/META-INF/MANIFEST.MF', encoding='utf-8').read().replace('\r', '')
attrs = []
for line in mf.split('\n'):
    if line.startswith(' '): attrs[-1] += line[1:]
    elif line: attrs.append(line)
attrs += ['Resource-Path: ' + hpi, 'Libraries: ' + libs]
lines = []
for a in attrs:  # manifest lines are at most 72 bytes, continued with a space
    b = a.encode(); lines.append(b[:72]); b = b[72:]
    while b: lines.append(b' ' + b[:71]); b = b[71:]
open(out, 'wb').write(b'\r\n'.join(lines) + b'\r\n\r\n')
PY
  # WarExploder takes war/target/jenkins under a directory holding a .jenkins marker; the tests read
  # ../shared/fixtures relative to the module directory, so the working directory mimics plugin-x/plugin.
  touch "$out/.jenkins"; mkdir -p "$out/war/target" "$r/w/d"; ln -sfn "$sdk/war" "$out/war/target/jenkins"
  ln -sfn "$(cd "$repo/../shared" && pwd)" "$out/shared"
  bc=$(mkdir -p "$out/bc" && cd "$out/bc" && unzip -q -o -j "$sdk/jpi/bouncycastle-api.jpi" 'WEB-INF/optional-lib/*' && ls "$out"/bc/*.jar | paste -sd:)
  if [[ $# -gt 0 ]]; then # simple names are looked up among the compiled tests
    classes=(); for c in "$@"; do
      [[ $c == *.* ]] && classes+=("$c") || classes+=("$(cd "$t" && find . -name "$c.class" | sed 's|^\./||; s|\.class$||; s|/|.|g' | head -1)")
    done
  else
    mapfile -t classes < <(cd "$t" && find . -name '*Test.class' | sed 's|^\./||; s|\.class$||; s|/|.|g' | sort)
  fi
  cd "$r/w/d"
  exec java -Xmx1g --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.io=ALL-UNNAMED \
    --add-opens java.base/java.util=ALL-UNNAMED -Djava.awt.headless=true \
    -cp "$t:$cp:$bc" org.junit.runner.JUnitCore "${classes[@]}"
done

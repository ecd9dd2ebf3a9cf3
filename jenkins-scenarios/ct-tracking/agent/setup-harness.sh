#!/usr/bin/env bash
# setup-harness.sh URL - gives a LOCAL harness Jenkins (security off) an agent labelled ct-agent: a
# second JVM started with the war's remoting jar, talking over its stdin/stdout (an ephemeral node:
# gone after a restart), so that the
# scenario's steps run through a real remoting channel (serialized callables, classes loaded from
# the controller). On another Jenkins, give it any agent with the label ct-agent instead.
set -euo pipefail
url=${1:-http://127.0.0.1:18080/}
work=${CT_JENKINS_WORK:-${TMPDIR:-/tmp}/ct-jenkins}
jar=$(ls "$work"/run/sdk/war/WEB-INF/lib/remoting-*.jar | head -1)
home=$work/agent
mkdir -p "$home"
script=$(cat <<GROOVY
import hudson.model.*
import hudson.slaves.*
import jenkins.model.Jenkins
class StdioLauncher extends ComputerLauncher {
  String command
  StdioLauncher(String command) { this.command = command }
  void launch(SlaveComputer c, TaskListener l) {
    def p = new ProcessBuilder(['bash', '-c', command]).redirectError(new File('$home/agent.err')).start()
    c.setChannel(p.inputStream, p.outputStream, l, null)
  }
}
// ephemeral: Jenkins keeps it in memory only (a launcher class of the script console cannot be saved)
class StdioAgent extends Slave implements EphemeralNode {
  StdioAgent(String name, String home, ComputerLauncher launcher) { super(name, home, launcher) }
  Node asNode() { this }
  Slave.SlaveDescriptor getDescriptor() { Jenkins.get().getDescriptorByType(DumbSlave.DescriptorImpl) }
}
def j = Jenkins.get()
if (j.getNode('ct-agent') == null) {
  def n = new StdioAgent('ct-agent', '$home', new StdioLauncher('exec java -jar $jar'))
  n.numExecutors = 2
  n.labelString = 'ct-agent'
  n.mode = Node.Mode.EXCLUSIVE // only Pipelines that ask for ct-agent run there
  j.addNode(n)
}
def c = j.getNode('ct-agent').toComputer()
if (!c.isOnline()) { c.connect(false).get() }
println("ct-agent online: " + c.isOnline())
GROOVY
)
curl -sS -g --noproxy '*' -X POST --data-urlencode "script=$script" "${url}scriptText"

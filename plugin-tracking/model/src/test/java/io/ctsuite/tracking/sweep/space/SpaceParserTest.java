package io.ctsuite.tracking.sweep.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SpaceParserTest {
  private static final Path FULL = Path.of("src/test/resources/sweep/space-full.yaml");

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  @Test
  public void shouldReadEveryKindOfParameterInDeclarationOrder() {
    SearchSpace space = SpaceParser.parse(FULL);

    assertThat(space.parameters())
        .extracting(Parameter::name)
        .containsExactly(
            "lr",
            "dropout",
            "layers",
            "width",
            "optimizer",
            "momentum",
            "batch_size",
            "epochs",
            "warmup_lr",
            "milestones",
            "seed_note");
    Map<String, Parameter> byName = new LinkedHashMap<>();
    space.parameters().forEach(p -> byName.put(p.name(), p));
    assertThat(byName.get("lr").domain()).isEqualTo(new Domain.LogUniform(1e-4, 0.1));
    assertThat(byName.get("dropout").domain()).isEqualTo(new Domain.Uniform(0, 0.5));
    assertThat(byName.get("layers").domain()).isEqualTo(new Domain.IntRange(2, 8, 2, false));
    assertThat(byName.get("width").domain()).isEqualTo(new Domain.IntRange(16, 512, 1, true));
    assertThat(byName.get("optimizer").domain().values()).containsExactly("sgd", "adam");
    assertThat(byName.get("momentum").when().names()).containsExactly("optimizer");
    assertThat(byName.get("batch_size").isGrid()).isTrue();
    assertThat(byName.get("epochs").isGrid()).isTrue();
    assertThat(byName.get("warmup_lr").dependsOn()).isEqualTo("batch_size");
    assertThat(byName.get("milestones").cases()).containsOnlyKeys("30", "90");
    assertThat(byName.get("seed_note").domain()).isEqualTo(new Domain.Constant("fixed"));
    assertThat(space.gridSize()).isEqualTo(6);
  }

  @Test
  public void shouldGiveACoordinateOnlyToSearchedParameters() {
    SearchSpace space = SpaceParser.parse(FULL);

    // lr, dropout, layers, width, optimizer, momentum, warmup_lr, milestones (a choice in one case)
    assertThat(space.dimensions()).isEqualTo(8);
    Map<String, Integer> dims = new LinkedHashMap<>();
    space.parameters().forEach(p -> dims.put(p.name(), p.dimension()));
    assertThat(dims)
        .containsEntry("lr", 0)
        .containsEntry("batch_size", -1)
        .containsEntry("seed_note", -1)
        .containsEntry("milestones", 7);
  }

  @Test
  public void shouldReadTheSameSpaceFromAMapAsAJenkinsfileWritesIt() {
    Map<String, Object> space = new LinkedHashMap<>();
    space.put("lr", Map.of("loguniform", List.of(1e-4, 0.1)));
    space.put("optimizer", List.of("sgd", "adam"));
    space.put("momentum", Map.of("uniform", List.of(0.8, 0.99), "when", "optimizer == 'sgd'"));

    SearchSpace parsed = SpaceParser.fromMap(space, "space");

    assertThat(parsed.parameters())
        .extracting(Parameter::describe)
        .containsExactly(
            "loguniform(0.0001, 0.1)",
            "choice[sgd, adam]",
            "uniform(0.8, 0.99) when optimizer == 'sgd'");
  }

  @Test
  public void shouldAcceptAnExponentThatYamlReadsAsText() throws Exception {
    SearchSpace space = SpaceParser.parse(Path.of("src/test/resources/sweep/space-small.yaml"));

    assertThat(space.parameters().get(0).domain()).isEqualTo(new Domain.LogUniform(1e-4, 0.1));
    assertThat(space.parameters().get(1).domain()).isEqualTo(new Domain.IntRange(1, 4, 1, false));
  }

  @Test
  public void shouldReadJsonFiles() throws Exception {
    Path file = temp.newFile("space.json").toPath();
    Files.writeString(file, "{\"lr\": {\"type\": \"uniform\", \"low\": 0.1, \"high\": 0.2}}");

    assertThat(SpaceParser.parse(file).parameters().get(0).domain())
        .isEqualTo(new Domain.Uniform(0.1, 0.2));
  }

  @Test
  public void shouldNameTheFileLineAndColumnOfASyntaxError() throws Exception {
    Path file = temp.newFile("broken.yaml").toPath();
    Files.writeString(file, "lr: {uniform: [0, 1]\nwidth: 3\n");

    assertThatThrownBy(() -> SpaceParser.parse(file))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(file + ":")
        .hasMessageMatching("(?s).*broken\\.yaml:\\d+:\\d+: not valid YAML/JSON.*");
  }

  @Test
  public void shouldNameAMissingFile() {
    assertThatThrownBy(() -> SpaceParser.parse(Path.of("nowhere/space.yaml")))
        .isInstanceOf(InputException.class)
        .hasMessage("nowhere/space.yaml: no such file");
  }

  @Test
  public void shouldNameTheParameterAndFieldOfEveryBadSpecification() {
    assertError(
        "lr: {type: loguniform, low: 0, high: 1}",
        "parameter 'lr': loguniform needs low > 0, got 0");
    assertError(
        "lr: {type: uniform, low: 1, high: 0.5}",
        "parameter 'lr': low (1) must be below high (0.5)");
    assertError("lr: {type: uniform, low: 0.1}", "parameter 'lr.high': missing");
    assertError(
        "lr: {type: uniform, low: 0.1, hgih: 1}",
        "parameter 'lr': unknown key 'hgih'; allowed here: high, low, type, when");
    assertError(
        "lr: {type: gaussian, low: 0, high: 1}", "parameter 'lr.type': unknown type 'gaussian'");
    assertError(
        "lr: {uniform: [0, x]}", "parameter 'lr.uniform[1]': expected a finite number, got \"x\"");
    assertError("lr: {uniform: [0]}", "parameter 'lr.uniform': give [low, high]");
    assertError(
        "n: {type: int, low: 1.5, high: 4}", "parameter 'n.low': expected an integer, got 1.5");
    assertError("n: {int: [1, 9, 0]}", "parameter 'n.step': must be at least 1, got 0");
    assertError(
        "n: {type: int, low: 0, high: 9, log: true}",
        "parameter 'n': a log-scale integer range needs low ≥ 1, got 0");
    assertError("opt: {choice: []}", "parameter 'opt.choice': give a non-empty list of values");
    assertError("opt: [a, b, a]", "parameter 'opt': the value a is listed twice");
    assertError("opt: {lo: 1}", "parameter 'opt': expected a value, a list of choices");
    assertError(
        "bs: {grid: [1, 2], when: \"x == 1\"}\nx: 1",
        "parameter 'bs.when': a grid parameter cannot be conditional");
    assertError("9lives: 1", "parameter '9lives': a name starts with a letter");
    assertError(
        "[1, 2]", "the search space must map parameter names to their specifications, got a list");
    assertError("{}", "the search space is empty");
  }

  @Test
  public void shouldCheckConditionsAndTheirReferences() {
    assertError(
        "m: {uniform: [0, 1], when: \"optimiser == 'sgd'\"}\noptimizer: [sgd]",
        "parameter 'm.when': refers to 'optimiser', which is not a parameter of this space");
    assertError(
        "m: {uniform: [0, 1], when: \"optimizer ==\"}\noptimizer: [sgd]", "parameter 'm.when': ");
    assertError(
        "lr: {depends_on: bs, cases: {32: [0.1]}}",
        "parameter 'lr.depends_on': 'bs' is not a parameter");
    assertError(
        "bs: [32, 64]\nlr: {depends_on: bs, cases: {32: [0.1]}}",
        "parameter 'lr.cases': no case for bs = 64 and no 'default' case");
    assertError(
        "bs: [32, 64]\nlr: {depends_on: bs, cases: {32: [0.1], 63: [0.2]}}",
        "parameter 'lr.cases.63': '63' is not a value of bs (32, 64)");
    assertError(
        "d: {uniform: [0, 1]}\nlr: {depends_on: d, cases: {default: [0.1]}}",
        "parameter 'lr.depends_on': 'd' is uniform(0, 1); cases need a parameter with listed values");
    assertError(
        "bs: [32]\nlr: {depends_on: bs, cases: {32: {grid: [1, 2]}}}",
        "parameter 'lr.cases.32': grid values cannot depend on another parameter");
    assertError("bs: [32]\nlr: {depends_on: bs}", "parameter 'lr.cases': map each value of 'bs'");
  }

  @Test
  public void shouldRefuseParametersThatDependOnEachOtherInACircle() {
    assertError(
        "a: {uniform: [0, 1], when: \"b > 0\"}\nb: {uniform: [0, 1], when: \"a > 0\"}",
        "parameters [a, b] depend on each other in a circle");
  }

  @Test
  public void shouldRefuseTwoNamesThatWouldShareAnEnvironmentVariable() {
    assertError(
        "batch-size: [1]\nbatch_size: [2]",
        "parameters 'batch-size' and 'batch_size' would both be passed as CT_PARAM_BATCH_SIZE");
  }

  private void assertError(String yaml, String expected) {
    Path file;
    try {
      file = temp.newFile().toPath();
      Files.writeString(file, yaml);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertThatThrownBy(() -> SpaceParser.parse(file))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(file + ": ")
        .hasMessageContaining(expected);
  }
}

package io.ctsuite.gpu.pod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges a user's base pod with the pod made from a GPU request, losing neither side:
 *
 * <ul>
 *   <li>maps merge key by key, recursively; lists of named things merge by name (containers,
 *       volumes, env), volume mounts by mount path, ports by port; other lists are unions;
 *   <li>for plain values the base wins, except where the request must win for the GPUs to be right:
 *       GPU resources of the training container, the GPU product placement, /dev/shm, the priority
 *       class, the deadline and the suite's own labels and annotations;
 *   <li>CPU and memory requests take the larger of both; a limit below the merged request is raised
 *       to it (Kubernetes rejects a request above its limit);
 *   <li>required node affinities are combined with AND, as both sides require them.
 * </ul>
 *
 * Every place where the request overrode the base is reported in words.
 */
public final class PodMerger {
  private static final Map<String, String> LIST_KEYS =
      Map.of(
          "containers", "name",
          "initContainers", "name",
          "ephemeralContainers", "name",
          "volumes", "name",
          "env", "name",
          "imagePullSecrets", "name",
          "volumeMounts", "mountPath",
          "volumeDevices", "devicePath",
          "ports", "containerPort",
          "hostAliases", "ip");

  /** Lists that are one value: a command is replaced, never interleaved. */
  private static final Set<String> ATOMIC_LISTS = Set.of("command", "args");

  private static final String REQUIRED_TERMS =
      "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms";

  private final PodSpecOptions options;

  public PodMerger(PodSpecOptions options) {
    this.options = options;
  }

  /** The merged pod and what the request overrode. */
  public record Result(Pod pod, List<String> notes) {}

  /** Merges a base pod read from YAML ({@code source} is named in errors) with a GPU pod. */
  public Result merge(String baseYaml, String source, Pod gpuPod) {
    return merge(PodYaml.readTree(baseYaml, source), gpuPod);
  }

  public Result merge(Pod base, Pod gpuPod) {
    return merge((ObjectNode) PodYaml.mapper().valueToTree(base), gpuPod);
  }

  private Result merge(ObjectNode base, Pod gpuPod) {
    ObjectNode target = base.deepCopy();
    ObjectNode overlay = PodYaml.mapper().valueToTree(gpuPod);
    Run run = new Run(requestText(overlay));
    if (constrainsProduct(overlay)) {
      dropProductConstraints(target, run);
    }
    mergeObject(target, overlay, "", run);
    Pod pod = PodYaml.mapper().convertValue(target, Pod.class);
    return new Result(pod, List.copyOf(run.notes));
  }

  private void mergeObject(ObjectNode target, ObjectNode overlay, String path, Run run) {
    Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      String childPath = path.isEmpty() ? name : path + "." + name;
      JsonNode existing = target.get(name);
      if (existing == null || existing.isNull()) {
        target.set(name, value.deepCopy());
      } else if (childPath.equals(REQUIRED_TERMS) && existing.isArray() && value.isArray()) {
        target.set(name, andTerms((ArrayNode) existing, (ArrayNode) value));
      } else if (childPath.equals("spec.containers[].resources")
          && existing.isObject()
          && value.isObject()) {
        mergeResources((ObjectNode) existing, (ObjectNode) value, run);
      } else if (existing.isObject() && value.isObject()) {
        mergeObject((ObjectNode) existing, (ObjectNode) value, childPath, run);
      } else if (existing.isArray() && value.isArray()) {
        if (!ATOMIC_LISTS.contains(name)) {
          mergeList((ArrayNode) existing, (ArrayNode) value, name, childPath, run);
        }
      } else if (!existing.equals(value) && requestWins(childPath)) {
        run.note(
            describe(childPath)
                + " of the base pod ("
                + existing.asText()
                + ") is replaced by "
                + value.asText()
                + " from the request");
        target.set(name, value.deepCopy());
      }
    }
  }

  private void mergeList(ArrayNode target, ArrayNode overlay, String name, String path, Run run) {
    String key = LIST_KEYS.get(name);
    for (JsonNode item : overlay) {
      if (key == null || !item.hasNonNull(key)) {
        if (!contains(target, item)) {
          target.add(item.deepCopy());
        }
        continue;
      }
      int index = indexOf(target, key, item.get(key));
      if (index < 0) {
        target.add(item.deepCopy());
      } else if (owned(name, item)) {
        if (!target.get(index).equals(item)) {
          run.note(ownedNote(name, target.get(index), run));
        }
        target.set(index, item.deepCopy());
      } else if (target.get(index) instanceof ObjectNode existing
          && item instanceof ObjectNode add) {
        if (name.equals("containers")) {
          run.container = existing.path("name").asText();
          add = withoutCommandIfSet(existing, add);
        }
        mergeObject(existing, add, path + "[]", run);
      }
    }
  }

  /** A container's command and args belong together: the base's replace the request's. */
  private static ObjectNode withoutCommandIfSet(ObjectNode base, ObjectNode overlay) {
    if (!base.has("command") && !base.has("args")) {
      return overlay;
    }
    ObjectNode copy = overlay.deepCopy();
    copy.remove(List.of("command", "args"));
    return copy;
  }

  private static String ownedNote(String listName, JsonNode replaced, Run run) {
    if (listName.equals("volumeMounts")) {
      return "container '"
          + run.container
          + "' mounted volume '"
          + replaced.path("name").asText()
          + "' at /dev/shm; it now mounts the memory-backed '"
          + PodSpecOptions.SHM_VOLUME
          + "' sized by the GPU request";
    }
    return "volume '"
        + replaced.path("name").asText()
        + "' of the base pod is replaced by the memory-backed /dev/shm of the GPU request";
  }

  /** Items the request owns outright: the shm volume and its mount. */
  private static boolean owned(String listName, JsonNode item) {
    return (listName.equals("volumes")
            && PodSpecOptions.SHM_VOLUME.equals(item.path("name").asText()))
        || (listName.equals("volumeMounts") && "/dev/shm".equals(item.path("mountPath").asText()));
  }

  private boolean requestWins(String path) {
    return path.equals("spec.priorityClassName")
        || path.equals("spec.activeDeadlineSeconds")
        || path.equals("spec.nodeSelector." + options.productLabel())
        || path.startsWith("metadata.annotations.ctsuite.io/")
        || path.startsWith("metadata.labels.ctsuite.io/");
  }

  private void mergeResources(ObjectNode target, ObjectNode overlay, Run run) {
    ObjectNode limits = objectField(target, "limits");
    ObjectNode requests = objectField(target, "requests");
    JsonNode overlayLimits = overlay.path("limits");
    boolean overlayHasGpus = hasGpuResource(overlayLimits);
    if (overlayHasGpus) {
      // the request decides the GPUs of this container; a different GPU ask in the base would
      // make the pod need both and never schedule
      String before = gpuResources(limits);
      removeGpuResources(limits);
      removeGpuResources(requests);
      overlayLimits
          .fields()
          .forEachRemaining(
              e -> {
                if (isGpuResource(e.getKey())) {
                  limits.set(e.getKey(), e.getValue().deepCopy());
                }
              });
      String after = gpuResources(limits);
      if (!before.isEmpty() && !before.equals(after)) {
        run.note(
            "container '"
                + run.container
                + "': GPU resources "
                + before
                + " of the base pod are replaced by "
                + after);
      }
    }
    overlayLimits
        .fields()
        .forEachRemaining(
            e -> {
              if (!isGpuResource(e.getKey()) && !limits.has(e.getKey())) {
                limits.set(e.getKey(), e.getValue().deepCopy());
              }
            });
    overlay
        .path("requests")
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode current = requests.get(e.getKey());
              if (isGpuResource(e.getKey())) {
                return;
              }
              // the GPU container's CPU and memory are a floor scaled to its GPUs; elsewhere the
              // base
              // knows best (e.g. a lean agent container)
              boolean larger =
                  overlayHasGpus
                      && Quantities.compare(
                              current == null ? "0" : current.asText(), e.getValue().asText())
                          < 0;
              if (current == null || larger) {
                requests.set(e.getKey(), e.getValue().deepCopy());
              }
            });
    for (String resource : List.of("cpu", "memory")) {
      JsonNode limit = limits.get(resource);
      JsonNode request = requests.get(resource);
      if (limit != null
          && request != null
          && Quantities.compare(limit.asText(), request.asText()) < 0) {
        run.note(
            "container '"
                + run.container
                + "': "
                + resource
                + " limit "
                + limit.asText()
                + " of the base pod is raised to the request "
                + request.asText()
                + " (a limit below the request is invalid)");
        limits.set(resource, TextNode.valueOf(request.asText()));
      }
    }
    if (limits.isEmpty()) {
      target.remove("limits");
    }
    if (requests.isEmpty()) {
      target.remove("requests");
    }
    overlay
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getKey().equals("limits")
                  && !e.getKey().equals("requests")
                  && !target.has(e.getKey())) {
                target.set(e.getKey(), e.getValue().deepCopy());
              }
            });
  }

  /** Both sides' required terms must hold: (b1 or b2) and (o1 or o2) = b1o1 or b1o2 or ... */
  private static ArrayNode andTerms(ArrayNode base, ArrayNode overlay) {
    if (base.isEmpty()) {
      return overlay.deepCopy();
    }
    ArrayNode result = base.arrayNode();
    for (JsonNode b : base) {
      for (JsonNode o : overlay) {
        ObjectNode term = b.deepCopy();
        for (String list : List.of("matchExpressions", "matchFields")) {
          if (o.has(list)) {
            ArrayNode merged = objectField(term, list, true);
            for (JsonNode expression : o.get(list)) {
              if (!contains(merged, expression)) {
                merged.add(expression.deepCopy());
              }
            }
          }
        }
        result.add(term);
      }
    }
    return result;
  }

  private boolean constrainsProduct(ObjectNode pod) {
    if (pod.path("spec").path("nodeSelector").has(options.productLabel())) {
      return true;
    }
    for (JsonNode term :
        pod.at(
            "/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms")) {
      for (JsonNode expression : term.path("matchExpressions")) {
        if (options.productLabel().equals(expression.path("key").asText())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The request names the GPU type, so product constraints of the base would contradict it. */
  private void dropProductConstraints(ObjectNode pod, Run run) {
    JsonNode selector = pod.path("spec").path("nodeSelector");
    if (selector.isObject() && selector.has(options.productLabel())) {
      run.note(
          "node selector "
              + options.productLabel()
              + "="
              + selector.get(options.productLabel()).asText()
              + " of the base pod is replaced by the GPU type of "
              + run.request);
      ((ObjectNode) selector).remove(options.productLabel());
    }
    JsonNode required =
        pod.at("/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution");
    JsonNode terms = required.path("nodeSelectorTerms");
    if (!terms.isArray()) {
      return;
    }
    ArrayNode kept = ((ArrayNode) terms).arrayNode();
    for (JsonNode term : terms) {
      JsonNode expressions = term.path("matchExpressions");
      if (expressions.isArray()) {
        Iterator<JsonNode> it = expressions.elements();
        while (it.hasNext()) {
          JsonNode expression = it.next();
          if (options.productLabel().equals(expression.path("key").asText())) {
            run.note(
                "node affinity on "
                    + options.productLabel()
                    + " of the base pod is replaced by the GPU type of "
                    + run.request);
            it.remove();
          }
        }
      }
      if (term.path("matchExpressions").size() + term.path("matchFields").size() > 0) {
        kept.add(term);
      }
    }
    if (kept.isEmpty()) {
      ((ObjectNode) required).remove("nodeSelectorTerms");
    } else {
      ((ObjectNode) required).set("nodeSelectorTerms", kept);
    }
  }

  private static boolean hasGpuResource(JsonNode resources) {
    Iterator<String> names = resources.fieldNames();
    while (names.hasNext()) {
      if (isGpuResource(names.next())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isGpuResource(String name) {
    return name.equals("nvidia.com/gpu") || name.startsWith("nvidia.com/mig-");
  }

  private static void removeGpuResources(ObjectNode resources) {
    resources.properties().removeIf(e -> isGpuResource(e.getKey()));
  }

  private static String gpuResources(ObjectNode resources) {
    List<String> parts = new ArrayList<>();
    resources
        .fields()
        .forEachRemaining(
            e -> {
              if (isGpuResource(e.getKey())) {
                parts.add(e.getKey() + "=" + e.getValue().asText());
              }
            });
    return String.join(", ", parts);
  }

  private static ObjectNode objectField(ObjectNode parent, String name) {
    JsonNode node = parent.get(name);
    if (node instanceof ObjectNode object) {
      return object;
    }
    return parent.putObject(name);
  }

  private static ArrayNode objectField(ObjectNode parent, String name, boolean array) {
    JsonNode node = parent.get(name);
    if (node instanceof ArrayNode list) {
      return list;
    }
    return parent.putArray(name);
  }

  private static boolean contains(ArrayNode list, JsonNode item) {
    for (JsonNode existing : list) {
      if (existing.equals(item)) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(ArrayNode list, String key, JsonNode value) {
    for (int i = 0; i < list.size(); i++) {
      if (value.equals(list.get(i).get(key))) {
        return i;
      }
    }
    return -1;
  }

  private static String describe(String path) {
    return path.replace("[]", "");
  }

  private static String requestText(ObjectNode pod) {
    JsonNode request =
        pod.path("metadata").path("annotations").path(GpuPodGenerator.REQUEST_ANNOTATION);
    return request.isTextual() ? "'" + request.asText() + "'" : "the request";
  }

  /** State of one merge: the notes for the user. */
  private static final class Run {
    final String request;
    final List<String> notes = new ArrayList<>();
    String container = "";

    Run(String request) {
      this.request = request;
    }

    void note(String note) {
      notes.add(note);
    }
  }
}

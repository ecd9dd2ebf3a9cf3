// gpuNode: runs a block on an agent that holds the GPUs asked for, e.g.
//   gpuNode('gpu:a100:2') { sh 'python train.py' }
// Kubernetes (default): a pod built by the gpu-agents plugin from the request, removed after the block.
// Static machines: a node with the GPU label, and disjoint GPU slots leased for the block.
// The request grammar, pod spec and slot allocation live in the gpu-agents plugin; this only wires them.

def call(String request, Closure body) {
    return call([:], request, body)
}

/**
 * Options: mode ('kubernetes' | 'static'; default env.CT_GPU_MODE, else 'kubernetes'),
 * cloud and namespace (Kubernetes), label (static; default env.CT_GPU_LABEL, else 'gpu' or 'gpu && <type>').
 */
def call(Map opts, String request, Closure body) {
    String mode = opts.mode ?: env.CT_GPU_MODE ?: 'kubernetes'
    if (mode == 'kubernetes') {
        Map pod = [yaml: gpuPodYaml(request)]
        if (opts.cloud) {
            pod.cloud = opts.cloud
        }
        if (opts.namespace) {
            pod.namespace = opts.namespace
        }
        return podTemplate(pod) {
            node(POD_LABEL) {
                body()
            }
        }
    }
    if (mode == 'static') {
        String label = opts.label ?: env.CT_GPU_LABEL ?: staticLabel(request)
        int gpus = gpuCount(request)
        return node(label) {
            withGpus(gpus) {
                body()
            }
        }
    }
    error("gpuNode: unknown mode '" + mode + "'; use 'kubernetes' or 'static' (option mode or env CT_GPU_MODE)")
}

// 'gpu:a100:2,spot' -> 2; a missing count means one GPU. Validation is the plugin's job.
int gpuCount(String request) {
    String[] parts = request.split(',')[0].split(':')
    for (int i = 1; i < parts.length; i++) {
        if (parts[i].isInteger()) {
            return parts[i].toInteger()
        }
    }
    return 1
}

// 'gpu:a100:2' -> 'gpu && a100'; 'gpu:2' -> 'gpu'.
String staticLabel(String request) {
    String[] parts = request.split(',')[0].split(':')
    for (int i = 1; i < parts.length; i++) {
        if (!parts[i].isInteger()) {
            return 'gpu && ' + parts[i]
        }
    }
    return 'gpu'
}

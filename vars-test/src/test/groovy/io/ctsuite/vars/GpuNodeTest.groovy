package io.ctsuite.vars

import static org.assertj.core.api.Assertions.assertThat
import static org.assertj.core.api.Assertions.catchThrowable

import org.junit.Test

class GpuNodeTest extends SharedLibraryTest {

    @Test
    void shouldRunTheBodyInAKubernetesPodBuiltFromTheRequest() {
        runPipeline('''
            gpuNode('gpu:a100:2') {
                sh 'nvidia-smi'
            }
        ''')

        assertThat(firstArgs('gpuPodYaml')).containsExactly('gpu:a100:2')
        assertThat(mapArgs('podTemplate')).containsExactly([yaml: podYaml])
        assertThat(firstArgs('node')).containsExactly('ct-gpu-pod-1')
        assertThat(stepOrder(['podTemplate', 'node', 'sh'])).containsExactly('podTemplate', 'node', 'sh')
        assertThat(calls('withGpus')).isEmpty()
    }

    @Test
    void shouldPassCloudAndNamespaceToThePodTemplate() {
        runPipeline('''
            gpuNode('gpu:2', cloud: 'gpu-cluster', namespace: 'training') { sh 'true' }
        ''')

        assertThat(mapArgs('podTemplate')).containsExactly([yaml: podYaml, cloud: 'gpu-cluster', namespace: 'training'])
    }

    @Test
    void shouldLeaseGpuSlotsOnAStaticAgentWhenAskedForStaticMode() {
        runPipeline('''
            gpuNode('gpu:a100:4', mode: 'static') {
                sh 'python train.py'
            }
        ''')

        assertThat(firstArgs('node')).containsExactly('gpu && a100')
        assertThat(calls('withGpus')*.args*.getAt(0)).containsExactly(4)
        assertThat(stepOrder(['node', 'withGpus', 'sh'])).containsExactly('node', 'withGpus', 'sh')
        assertThat(calls('podTemplate')).isEmpty()
    }

    @Test
    void shouldTakeModeAndLabelFromTheEnvironment() {
        binding.getVariable('env').CT_GPU_MODE = 'static'
        binding.getVariable('env').CT_GPU_LABEL = 'dgx-1'

        runPipeline('''
            gpuNode('gpu') { sh 'true' }
        ''')

        assertThat(firstArgs('node')).containsExactly('dgx-1')
        assertThat(calls('withGpus')*.args*.getAt(0)).containsExactly(1)
    }

    @Test
    void shouldCountGpusOfARequestWithModifiers() {
        runPipeline('''
            gpuNode('gpu:3,spot', mode: 'static', label: 'big') { sh 'true' }
        ''')

        assertThat(firstArgs('node')).containsExactly('big')
        assertThat(calls('withGpus')*.args*.getAt(0)).containsExactly(3)
    }

    @Test
    void shouldReturnWhatTheBodyReturns() {
        Object value = runPipeline('''
            return gpuNode('gpu:1') { 'trained' }
        ''')

        assertThat(value).isEqualTo('trained')
    }

    @Test
    void shouldFailTheBuildOnAnUnknownMode() {
        Throwable thrown = catchThrowable {
            runPipeline('''
                gpuNode('gpu:1', mode: 'slurm') { sh 'true' }
            ''')
        }

        assertThat(thrown).isInstanceOf(PipelineError)
        assertThat(thrown.message).contains("unknown mode 'slurm'")
        assertThat(result()).isEqualTo('FAILURE')
        assertThat(calls('sh')).isEmpty()
    }
}

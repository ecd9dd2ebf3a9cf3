package io.ctsuite.vars

import static org.assertj.core.api.Assertions.assertThat

import org.junit.Test

/** examples/Jenkinsfile, run against the library: the nightly cycle of the example project. */
class ExampleJenkinsfileTest extends SharedLibraryTest {

    static final File JENKINSFILE = new File(REPOSITORY_ROOT, 'examples/Jenkinsfile')

    @Test
    void shouldRunTheExamplesNightlyCycleUpToTheMergeRequest() {
        runPipelineFile(JENKINSFILE)

        assertThat(firstArgs('cron')).containsExactly('H 2 * * *')
        assertThat(stepOrder(['datasetSnapshot', 'datasetDiff', 'gpuPodYaml', 'useDataset', 'trackExperiment',
                'archiveArtifacts', 'regressionGate', 'promoteModel'])).containsExactly('datasetSnapshot',
                'datasetDiff', 'gpuPodYaml', 'useDataset', 'trackExperiment', 'archiveArtifacts', 'regressionGate',
                'promoteModel')
        assertThat(firstArgs('sh')).containsExactly(
                'cd examples/phase-recognition && python3 train.py --data data --out out/candidate --lr 0.001 --epochs 30',
                'cd examples/phase-recognition && python3 evaluate.py --model out/candidate/model.pt --data data --out eval/candidate.jsonl',
                'cd examples/phase-recognition && python3 evaluate.py --model-from deploy/models.yaml --data data --out eval/production.jsonl')
        Map promotion = mapArgs('promoteModel')[0]
        assertThat(promotion.file).isEqualTo('examples/phase-recognition/deploy/models.yaml')
        assertThat(promotion.modelUri.toString())
                .isEqualTo('https://ci.example.com/job/train/7/artifact/examples/phase-recognition/out/candidate/model.pt')
        assertThat(new File(REPOSITORY_ROOT, mapArgs('regressionGate')[0].spec)).isFile()
        assertThat(new File(REPOSITORY_ROOT, promotion.file)).isFile()
    }

    @Test
    void shouldSkipTheNightTrainingWhenNoNewDataQualifies() {
        datasetDiffResult = [retrain: false, reason: 'phase-videos grew 1.00x since ds-v1; no new source']

        runPipelineFile(JENKINSFILE)

        assertThat(calls('trackExperiment')).isEmpty()
        assertThat(calls('promoteModel')).isEmpty()
        assertThat(result()).isEqualTo('SUCCESS')
    }

    @Test
    void shouldNotPromoteWhenTheGateFails() {
        gateResult = [verdict: 'FAIL']

        runPipelineFile(JENKINSFILE)

        assertThat(result()).isEqualTo('UNSTABLE')
        assertThat(calls('promoteModel')).isEmpty()
    }
}

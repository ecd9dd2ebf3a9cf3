package io.ctsuite.vars

import static org.assertj.core.api.Assertions.assertThat
import static org.assertj.core.api.Assertions.catchThrowable

import org.junit.Test

class NightlyTrainingTest extends SharedLibraryTest {

    static final String NIGHTLY = '''
        return nightlyTraining(
            dataset: [name: 'phase-videos', path: '/data/phase-videos', policy: [growth: 1.5]],
            model: [name: 'phase-recognition', gpu: 'gpu:1', train: 'python train.py',
                    evaluate: 'python evaluate.py', modelUri: 's3://models/pr/7'],
            gate: [spec: 'gate.yaml'],
            promote: [project: 'ml/deploy'])
    '''

    @Test
    void shouldScheduleTheJobNightlyWithAForceParameter() {
        runPipeline(NIGHTLY)

        assertThat(firstArgs('cron')).containsExactly('H 2 * * *')
        assertThat(mapArgs('booleanParam')*.name).containsExactly('FORCE_TRAINING')
        assertThat(mapArgs('booleanParam')*.defaultValue).containsExactly(false)
        List jobProperties = calls('properties')[0].args[0] as List
        assertThat(jobProperties).hasSize(3)
        assertThat(jobProperties[0]).isEqualTo([pipelineTriggers: [[cron: 'H 2 * * *']]])
        assertThat(calls('datasetChange')).isEmpty()
        assertThat(stepOrder(['properties', 'datasetSnapshot'])).containsExactly('properties', 'datasetSnapshot')
    }

    @Test
    void shouldTrainGateAndPromoteWhenTheDataChangedEnough() {
        Map outcome = runPipeline(NIGHTLY) as Map

        assertThat(stepOrder(['datasetSnapshot', 'datasetDiff', 'trackExperiment', 'regressionGate', 'promoteModel']))
                .containsExactly('datasetSnapshot', 'datasetDiff', 'trackExperiment', 'regressionGate', 'promoteModel')
        assertThat(mapArgs('datasetDiff')[0].policy).isEqualTo([growth: 1.5])
        assertThat(firstArgs('echo')).contains('Training: ' + datasetDiffResult.reason)
        assertThat(outcome.trained).isEqualTo(true)
        assertThat(result()).isEqualTo('SUCCESS')
    }

    @Test
    void shouldSkipTrainingWhenTheDataDidNotChangeEnough() {
        datasetDiffResult = [retrain: false, reason: 'phase-videos grew 1.01x since ds-v1 (policy: 1.5x); no new source']

        Map outcome = runPipeline(NIGHTLY) as Map

        assertThat(calls('datasetSnapshot')).hasSize(1)
        assertThat(calls('gpuPodYaml')).isEmpty()
        assertThat(calls('trackExperiment')).isEmpty()
        assertThat(calls('regressionGate')).isEmpty()
        assertThat(calls('promoteModel')).isEmpty()
        assertThat(binding.getVariable('currentBuild').description)
                .isEqualTo('No training: phase-videos grew 1.01x since ds-v1 (policy: 1.5x); no new source')
        assertThat(result()).isEqualTo('SUCCESS')
        assertThat(outcome.trained).isEqualTo(false)
    }

    @Test
    void shouldTrainWithoutChangeWhenForcedByTheParameter() {
        datasetDiffResult = [retrain: false, reason: 'no new files since ds-v1']
        binding.setVariable('params', [FORCE_TRAINING: true])

        Map outcome = runPipeline(NIGHTLY) as Map

        assertThat(calls('trackExperiment')).hasSize(1)
        assertThat(calls('promoteModel')).hasSize(1)
        assertThat(outcome.reason).isEqualTo('forced: no new files since ds-v1')
    }

    @Test
    void shouldMarkTheBuildUnstableAndNotPromoteWhenTheGateFails() {
        gateResult = [verdict: 'FAIL']

        runPipeline(NIGHTLY)

        assertThat(result()).isEqualTo('UNSTABLE')
        assertThat(calls('regressionGate')).hasSize(1)
        assertThat(calls('promoteModel')).isEmpty()
    }

    @Test
    void shouldAlsoWatchTheDatasetWhenAsked() {
        runPipeline('''
            nightlyTraining(schedule: 'H 3 * * 1-5',
                watch: [name: 'phase-videos', location: '/data/phase-videos', spec: 'H/15 * * * *', policy: [growth: 2.0]],
                jobProperties: [buildDiscarder(logRotator(numToKeepStr: '50'))],
                dataset: [name: 'phase-videos', path: '/data/phase-videos'],
                model: [name: 'm', train: 'python train.py'])
        ''')

        assertThat(firstArgs('cron')).containsExactly('H 3 * * 1-5')
        assertThat(mapArgs('datasetChange')).containsExactly(
                [name: 'phase-videos', location: '/data/phase-videos', spec: 'H/15 * * * *', policy: [growth: 2.0]])
        List jobProperties = calls('properties')[0].args[0] as List
        assertThat(jobProperties[0].pipelineTriggers).hasSize(2)
        assertThat(jobProperties).hasSize(4)
    }

    @Test
    void shouldRefuseToRunWithoutADataset() {
        Throwable thrown = catchThrowable {
            runPipeline('''
                nightlyTraining(model: [name: 'm', train: 'python train.py'])
            ''')
        }

        assertThat(thrown.message).startsWith("nightlyTraining: needs 'dataset'")
        assertThat(calls('properties')).isEmpty()
        assertThat(calls('node')).isEmpty()
    }
}

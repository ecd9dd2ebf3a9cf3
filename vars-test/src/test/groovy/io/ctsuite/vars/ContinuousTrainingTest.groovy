package io.ctsuite.vars

import static org.assertj.core.api.Assertions.assertThat
import static org.assertj.core.api.Assertions.catchThrowable

import org.junit.Test

class ContinuousTrainingTest extends SharedLibraryTest {

    static final String FULL_CYCLE = '''
        return continuousTraining(
            dataset: [name: 'phase-videos', path: '/data/phase-videos', registry: '/ct/datasets'],
            model: [name: 'phase-recognition', gpu: 'gpu:a100:1',
                    params: [lr: 0.01, epochs: 20],
                    train: 'python train.py --data data/',
                    evaluate: ['python evaluate.py --model out/model.pt --out eval/candidate.jsonl',
                               'python evaluate.py --model production --out eval/production.jsonl'],
                    modelUri: 's3://models/phase-recognition/7/model.pt'],
            gate: [spec: 'gate.yaml'],
            promote: [connection: 'gitlab', project: 'ml/deploy'])
    '''

    static final List<String> CYCLE_STEPS = ['datasetSnapshot', 'datasetDiff', 'gpuPodYaml', 'podTemplate',
            'checkout', 'useDataset', 'trackExperiment', 'logParams', 'sh', 'experimentResult',
            'regressionGate', 'gitlabComment', 'promoteModel', 'unstable']

    @Test
    void shouldSnapshotTrainEvaluateGateAndPromoteInThatOrderWhenTheGatePasses() {
        Map outcome = runPipeline(FULL_CYCLE) as Map

        assertThat(stepOrder(CYCLE_STEPS)).containsExactly('datasetSnapshot', 'datasetDiff', 'gpuPodYaml',
                'podTemplate', 'checkout', 'useDataset', 'trackExperiment', 'logParams', 'sh', 'experimentResult',
                'sh', 'sh', 'regressionGate', 'promoteModel')
        assertThat(mapArgs('datasetSnapshot')).containsExactly(
                [name: 'phase-videos', path: '/data/phase-videos', registry: '/ct/datasets'])
        assertThat(mapArgs('useDataset')).containsExactly([name: 'phase-videos', version: 'ds-v2', materialize: 'data/'])
        assertThat(mapArgs('trackExperiment')).containsExactly([name: 'phase-recognition'])
        assertThat(mapArgs('logParams')).containsExactly([lr: 0.01, epochs: 20])
        assertThat(mapArgs('regressionGate')).containsExactly(
                [candidate: 'eval/candidate.jsonl', baseline: 'eval/production.jsonl', spec: 'gate.yaml'])
        assertThat(mapArgs('promoteModel')).containsExactly([connection: 'gitlab', project: 'ml/deploy',
                file: 'deploy/models.yaml', key: 'models.phase-recognition',
                modelUri: 's3://models/phase-recognition/7/model.pt', requireGate: true])
        assertThat(firstArgs('stage')).containsExactly('Dataset', 'Train phase-recognition',
                'Evaluate phase-recognition', 'Gate phase-recognition', 'Promote phase-recognition')
        assertThat(result()).isEqualTo('SUCCESS')
        assertThat(outcome.trained).isEqualTo(true)
        assertThat(outcome.datasetVersion).isEqualTo('ds-v2')
        assertThat(outcome.models['phase-recognition']).containsEntry('verdict', 'PASS')
                .containsEntry('promoted', true).containsEntry('mergeRequest', mergeRequestUrl)
                .containsEntry('run', experiment)
    }

    @Test
    void shouldTellTheScriptsWhichDatasetVersionTheyWorkOn() {
        runPipeline(FULL_CYCLE)

        assertThat(calls('withEnv')*.args*.getAt(0)).containsExactly(
                ['CT_DATASET=phase-videos', 'CT_DATASET_VERSION=ds-v2'])
        assertThat(stepOrder(['withEnv', 'trackExperiment', 'regressionGate']))
                .containsExactly('withEnv', 'trackExperiment', 'regressionGate')
    }

    @Test
    void shouldArchiveTheModelFilesWhenAsked() {
        runPipeline('''
            continuousTraining(model: [name: 'm', train: 'python train.py', archive: 'out/**/model.*'])
        ''')

        assertThat(mapArgs('archiveArtifacts')).containsExactly([artifacts: 'out/**/model.*', fingerprint: true])
        assertThat(stepOrder(['sh', 'experimentResult', 'archiveArtifacts']))
                .containsExactly('sh', 'experimentResult', 'archiveArtifacts')
    }

    @Test
    void shouldMarkTheBuildUnstableAndNotPromoteWhenTheGateFails() {
        gateResult = [verdict: 'FAIL']

        Map outcome = runPipeline(FULL_CYCLE) as Map

        assertThat(result()).isEqualTo('UNSTABLE')
        assertThat(calls('promoteModel')).isEmpty()
        assertThat(firstArgs('unstable')).containsExactly(
                'Regression gate FAIL for phase-recognition: the candidate is not promoted')
        assertThat(firstArgs('echo')).contains('Not promoting phase-recognition: the regression gate said FAIL')
        assertThat(outcome.models['phase-recognition']).containsEntry('verdict', 'FAIL').containsEntry('promoted', false)
    }

    @Test
    void shouldNotPromoteAnInconclusiveCandidate() {
        gateResult = [verdict: 'INCONCLUSIVE']

        runPipeline(FULL_CYCLE)

        assertThat(result()).isEqualTo('UNSTABLE')
        assertThat(calls('promoteModel')).isEmpty()
    }

    @Test
    void shouldStopBeforeGateAndPromotionWhenTrainingFails() {
        onSh { CharSequence script ->
            if (script.toString().startsWith('python train.py')) {
                updateBuildStatus('FAILURE')
                throw new IllegalStateException('script returned exit code 1')
            }
        }

        Throwable thrown = catchThrowable { runPipeline(FULL_CYCLE) }

        assertThat(thrown.message).contains('exit code 1')
        assertThat(result()).isEqualTo('FAILURE')
        assertThat(calls('experimentResult')).isEmpty()
        assertThat(calls('regressionGate')).isEmpty()
        assertThat(calls('promoteModel')).isEmpty()
    }

    @Test
    void shouldTrainEveryModelInItsOwnParallelBranch() {
        runPipeline('''
            continuousTraining(
                models: [[name: 'small', gpu: 'gpu:1', train: 'python train.py --size small', modelUri: 's3://m/small'],
                         [name: 'large', gpu: 'gpu:a100:4', train: 'python train.py --size large', modelUri: 's3://m/large']],
                gate: [spec: 'gate.yaml'],
                promote: [project: 'ml/deploy'])
        ''')

        Map branches = calls('parallel')[0].args[0] as Map
        assertThat(branches.keySet()).containsExactly('failFast', 'small', 'large')
        assertThat(branches.failFast).isEqualTo(false)
        assertThat(firstArgs('gpuPodYaml')).containsExactly('gpu:1', 'gpu:a100:4')
        assertThat(mapArgs('trackExperiment')*.name).containsExactly('small', 'large')
        assertThat(firstArgs('sh')).containsExactly('python train.py --size small', 'python train.py --size large')
        assertThat(mapArgs('promoteModel')*.key).containsExactly('models.small', 'models.large')
        assertThat(mapArgs('promoteModel')*.modelUri).containsExactly('s3://m/small', 's3://m/large')
    }

    @Test
    void shouldSkipTrainingWhenAskedToTrainOnlyOnChangeAndTheDataDidNotChange() {
        datasetDiffResult = [retrain: false, reason: 'phase-videos grew 1.02x since ds-v1, below 1.5x']

        Map outcome = runPipeline('''
            return continuousTraining(onlyIfChanged: true,
                dataset: [name: 'phase-videos', path: '/data/phase-videos'],
                model: [name: 'phase-recognition', train: 'python train.py'])
        ''') as Map

        assertThat(calls('trackExperiment')).isEmpty()
        assertThat(calls('sh')).isEmpty()
        assertThat(firstArgs('echo')).containsExactly('No training: phase-videos grew 1.02x since ds-v1, below 1.5x')
        assertThat(binding.getVariable('currentBuild').description)
                .isEqualTo('No training: phase-videos grew 1.02x since ds-v1, below 1.5x')
        assertThat(result()).isEqualTo('SUCCESS')
        assertThat(outcome.trained).isEqualTo(false)
    }

    @Test
    void shouldTrainOnEveryRunWhenNotAskedToWaitForChange() {
        datasetDiffResult = [retrain: false, reason: 'nothing new']

        runPipeline('''
            continuousTraining(dataset: [name: 'd', path: '/data'], model: [name: 'm', train: 'python train.py'])
        ''')

        assertThat(calls('trackExperiment')).hasSize(1)
    }

    @Test
    void shouldTrustTheReasonOfTheDatasetTriggerInsteadOfCheckingAgain() {
        binding.getVariable('env').CT_TRIGGER_REASON = 'phase-videos grew 2.04x since ds-v1: new source hospital-c'

        Map outcome = runPipeline('''
            return continuousTraining(onlyIfChanged: true, dataset: [name: 'phase-videos', path: '/data'],
                model: [name: 'm', train: 'python train.py'])
        ''') as Map

        assertThat(calls('datasetDiff')).isEmpty()
        assertThat(calls('trackExperiment')).hasSize(1)
        assertThat(outcome.reason).isEqualTo('phase-videos grew 2.04x since ds-v1: new source hospital-c')
    }

    @Test
    void shouldCompareAgainstThePreviousVersionAndPolicyGiven() {
        binding.getVariable('env').CT_DATASET_PREVIOUS = 'ds-v1'

        runPipeline('''
            continuousTraining(dataset: [name: 'phase-videos', path: '/data', policy: [growth: 1.5, newSource: true]],
                model: [name: 'm', train: 'python train.py'])
        ''')

        assertThat(mapArgs('datasetDiff')).containsExactly(
                [name: 'phase-videos', to: 'ds-v2', from: 'ds-v1', policy: [growth: 1.5, newSource: true]])
    }

    @Test
    void shouldCommentOnTheMergeRequestAndNotPromoteInAMergeRequestBuild() {
        binding.getVariable('env').gitlabMergeRequestIid = '42'

        runPipeline(FULL_CYCLE)

        assertThat(mapArgs('gitlabComment')).containsExactly(
                [connection: 'gitlab', project: 'ml/deploy', mr: '42', report: true])
        assertThat(calls('promoteModel')).isEmpty()
    }

    @Test
    void shouldRunOnAPlainAgentWhenTheModelAsksForNoGpu() {
        runPipeline('''
            continuousTraining(agent: 'linux', model: [name: 'm', train: 'python train.py'], checkout: false)
        ''')

        assertThat(firstArgs('node')).containsExactly('linux')
        assertThat(calls('podTemplate')).isEmpty()
        assertThat(calls('checkout')).isEmpty()
        assertThat(calls('datasetSnapshot')).isEmpty()
        assertThat(calls('regressionGate')).isEmpty()
        assertThat(calls('promoteModel')).isEmpty()
    }

    @Test
    void shouldPromoteWithoutAGateOnlyWhenTheJenkinsfileSaysSo() {
        runPipeline('''
            continuousTraining(model: [name: 'm', train: 'python train.py', modelUri: 's3://m/1'],
                promote: [project: 'ml/deploy'])
            continuousTraining(model: [name: 'm', train: 'python train.py', modelUri: 's3://m/2'],
                promote: [project: 'ml/deploy', requireGate: false])
        ''')

        assertThat(mapArgs('promoteModel')*.modelUri).containsExactly('s3://m/2')
        assertThat(mapArgs('promoteModel')*.requireGate).containsExactly(false)
        assertThat(firstArgs('echo')).contains('Not promoting m: no gate configured and requireGate is not false')
    }

    @Test
    void shouldRefuseAModelWithoutATrainingCommand() {
        Throwable thrown = catchThrowable {
            runPipeline('''
                continuousTraining(model: [name: 'm'])
            ''')
        }

        assertThat(thrown).isInstanceOf(PipelineError)
        assertThat(thrown.message).isEqualTo("continuousTraining: model #1 needs 'name' and 'train' (the training command)")
        assertThat(calls('node')).isEmpty()
    }

    @Test
    void shouldLeaveTheModelUriToThePromoteStepWhenTheJenkinsfileGivesNone() {
        runPipeline('''
            continuousTraining(model: [name: 'm', train: 'python train.py'], gate: [spec: 'gate.yaml'],
                promote: [project: 'ml/deploy', key: 'serving.m'])
        ''')

        assertThat(mapArgs('promoteModel')).containsExactly([connection: 'gitlab', project: 'ml/deploy',
                file: 'deploy/models.yaml', key: 'serving.m', requireGate: true])
    }

    @Test
    void shouldRefuseAPromotionWithoutADeploymentProject() {
        Throwable thrown = catchThrowable {
            runPipeline('''
                continuousTraining(model: [name: 'm', train: 'python train.py'], gate: [spec: 'gate.yaml'],
                    promote: [file: 'deploy/models.yaml'])
            ''')
        }

        assertThat(thrown.message).isEqualTo("continuousTraining: promote needs 'project' (the deployment repository on GitLab)")
        assertThat(calls('promoteModel')).isEmpty()
    }

    @Test
    void shouldAcceptTheOneModelShorthand() {
        runPipeline('''
            continuousTraining(
                dataset:  [name: 'surgical-videos', path: '/data/videos'],
                train:    [gpu: 'gpu:a100:2', command: 'python train.py', tensorboard: 'runs/**'],
                evaluate: [command: 'python eval.py', candidate: 'eval/c.jsonl', baseline: 'eval/p.jsonl'],
                gate:     'gate.yaml',
                promote:  [project: 'ml/deploy', key: 'models.phase-recognition'])
        ''')

        assertThat(firstArgs('gpuPodYaml')).containsExactly('gpu:a100:2')
        assertThat(mapArgs('trackExperiment')).containsExactly([name: 'phase-recognition', tensorboard: 'runs/**'])
        assertThat(firstArgs('sh')).containsExactly('python train.py', 'python eval.py')
        assertThat(mapArgs('regressionGate')).containsExactly(
                [candidate: 'eval/c.jsonl', baseline: 'eval/p.jsonl', spec: 'gate.yaml'])
        assertThat(mapArgs('promoteModel')*.key).containsExactly('models.phase-recognition')
    }

    @Test
    void shouldNameTheShorthandModelAfterTheJobWithoutAnyOtherName() {
        runPipeline('''
            continuousTraining(train: 'python train.py')
        ''')

        assertThat(mapArgs('trackExperiment')*.name).containsExactly('train')
        assertThat(firstArgs('stage')).containsExactly('Train train')
    }
}

package io.ctsuite.vars

import static org.assertj.core.api.Assertions.assertThat
import static org.assertj.core.api.Assertions.catchThrowable

import org.junit.Before
import org.junit.Test

class HyperparameterSweepTest extends SharedLibraryTest {

    /** The trials `next` hands out, in order; null after the last. */
    List<Map> pending
    /** What `sweepTrial` reports for each trial number (default: completed). */
    Map<Integer, Map> outcomes = [:]
    /** The trials whose body ran, with the parameters it received. */
    List<Map> bodies = []
    Map finishResult = [best: [number: 2, params: [lr: 0.01, batch: 64], value: 0.91],
                        summary: 'Best: trial 2, val/mAP 0.91 (lr=0.01, batch=64); 38 % of the compute saved']

    @Override
    @Before
    void setUp() throws Exception {
        super.setUp()
        pending = (1..5).collect { [number: it, params: [lr: 0.001 * it, batch: it % 2 ? 32 : 64]] }
        helper.registerAllowedMethod('sweepDecision', [Map], { Map m ->
            switch (m.action) {
                case 'start':
                    return [id: 'train-7', parallel: m.settings.parallel ?: 1,
                            description: 'ASHA: rungs at step 1, 4, 16; 5 trials, 2 at a time']
                case 'next':
                    return pending ? pending.remove(0) : null
                case 'finish':
                    return finishResult
            }
            throw new IllegalArgumentException('unexpected action ' + m.action)
        })
        helper.registerAllowedMethod('sweepTrial', [Map, Closure], { Map m, Closure body ->
            body.call()
            return outcomes[m.trial] ?: [number: m.trial, status: 'completed']
        })
    }

    @Test
    void shouldStartTheSweepWithTheGivenSettingsAndRunEveryTrialOnce() {
        Object result = runPipeline('''
            return hyperparameterSweep(space: [lr: [loguniform: [0.0001, 0.1]], batch: [grid: [32, 64]]],
                                       trials: 5, parallel: 2, metric: 'val/mAP', mode: 'max',
                                       scheduler: 'asha', max_t: 16) { params ->
                sh "python train.py --lr ${params.lr} --batch ${params.batch}"
            }
        ''')

        Map start = mapArgs('sweepDecision').find { it.action == 'start' }
        assertThat(start.settings).isEqualTo([space: [lr: [loguniform: [0.0001, 0.1]], batch: [grid: [32, 64]]],
                                              trials: 5, parallel: 2, metric: 'val/mAP', mode: 'max',
                                              scheduler: 'asha', max_t: 16])
        assertThat(start.name).isNull()
        assertThat(firstArgs('sh')).containsExactly(
                'python train.py --lr 0.001 --batch 32', 'python train.py --lr 0.002 --batch 64',
                'python train.py --lr 0.003 --batch 32', 'python train.py --lr 0.004 --batch 64',
                'python train.py --lr 0.005 --batch 32')
        assertThat(mapArgs('sweepTrial').collect { it.trial }).containsExactly(1, 2, 3, 4, 5)
        assertThat(mapArgs('sweepTrial').collect { it.sweep }.unique()).containsExactly('train-7')
        assertThat(firstArgs('stage')).containsExactly('trial 1', 'trial 2', 'trial 3', 'trial 4', 'trial 5')
        assertThat(result).isEqualTo(finishResult)
        assertThat(firstArgs('echo')).containsExactly(
                'Sweep train-7: ASHA: rungs at step 1, 4, 16; 5 trials, 2 at a time', finishResult.summary)
    }

    @Test
    void shouldHandTheHedgingSettingsOfAshaToTheStepAsGiven() {
        runPipeline('''
            hyperparameterSweep(space: [lr: [0.1, 0.01]], trials: 4, metric: 'val/acc', max_t: 81,
                                grace_period: 1, reduction_factor: 3, brackets: 'all',
                                bracket_selection: 'adaptive', rung_value: 'mean', rung_window: 5) { params ->
                echo "lr ${params.lr}"
            }
        ''')

        // the step (the sweep model) resolves 'all' and checks the values; the var must not drop them
        Map start = mapArgs('sweepDecision').find { it.action == 'start' }
        assertThat(start.settings).containsEntry('brackets', 'all').containsEntry('bracket_selection', 'adaptive')
                .containsEntry('rung_value', 'mean').containsEntry('rung_window', 5)
    }

    @Test
    void shouldRunOneParallelWorkerPerSlotThatEachAskForTrialsUntilNoneAreLeft() {
        runPipeline('''
            hyperparameterSweep(space: [lr: [0.1, 0.01]], trials: 5, parallel: 3, metric: 'val/acc') { params ->
                echo "lr ${params.lr}"
            }
        ''')

        Map branches = calls('parallel')[0].args[0] as Map
        assertThat(branches.keySet()).containsExactly('failFast', 'sweep worker 1', 'sweep worker 2', 'sweep worker 3')
        assertThat(branches.failFast).isEqualTo(false)
        // five trials and one empty answer per worker: every worker stops when the sweep has no more
        assertThat(mapArgs('sweepDecision').count { it.action == 'next' }).isEqualTo(5 + 3)
        List<String> order = helper.callStack.findAll { it.methodName in ['sweepDecision', 'parallel'] }
                .collect { it.methodName == 'parallel' ? 'parallel' : it.args[0].action }
        assertThat(order.first()).isEqualTo('start')
        assertThat(order.last()).isEqualTo('finish')
        assertThat(order.indexOf('parallel')).isLessThan(order.indexOf('next'))
    }

    @Test
    void shouldCallTheStepAroundEachTrialSoThatItCanStopIt() {
        outcomes[2] = [number: 2, status: 'stopped', reason: 'stopped at step 4: val/mAP 0.31 below rung-4 cutoff 0.35']

        runPipeline('''
            hyperparameterSweep(space: [lr: [0.1]], parallel: 1, metric: 'val/mAP') { params ->
                sh 'python train.py'
            }
        ''')

        // every sh of a trial runs inside that trial's sweepTrial block, never outside one
        List<String> shape = helper.callStack
                .findAll { it.methodName in ['sweepDecision', 'sweepTrial', 'sh'] }
                .collect { it.methodName == 'sweepDecision' ? it.args[0].action : it.methodName }
                .findAll { it != 'next' }
        assertThat(shape).containsExactly('start', 'sweepTrial', 'sh', 'sweepTrial', 'sh', 'sweepTrial', 'sh',
                                          'sweepTrial', 'sh', 'sweepTrial', 'sh', 'finish')
        // a stopped trial ends its branch's turn normally: the next trial still runs
        assertThat(mapArgs('sweepTrial')*.trial).contains(3, 4, 5)
        assertThat(result()).isEqualTo('SUCCESS')
    }

    @Test
    void shouldRunEachTrialOnAGpuAgentWhenAsked() {
        runPipeline('''
            hyperparameterSweep(space: [lr: [0.1]], parallel: 2, metric: 'val/acc', gpu: 'gpu:a100:1',
                                name: 'lr-search') { params ->
                sh 'nvidia-smi'
            }
        ''')

        assertThat(firstArgs('gpuPodYaml')).containsOnly('gpu:a100:1').hasSize(5)
        assertThat(stepOrder(['sweepTrial', 'podTemplate', 'sh']).findAll { it != 'sweepTrial' }.take(2))
                .containsExactly('podTemplate', 'sh')
        Map start = mapArgs('sweepDecision').find { it.action == 'start' }
        assertThat(start.name).isEqualTo('lr-search')
        // the options of this step do not reach the sweep's settings, which the model checks strictly
        assertThat(start.settings.keySet()).containsExactly('space', 'parallel', 'metric')
    }

    @Test
    void shouldLeaveTheVerdictOnSettingsToTheStep() {
        helper.registerAllowedMethod('sweepDecision', [Map], { Map m ->
            throw new IllegalArgumentException("trails: unknown sweep setting; known: grace_period, max_t, ...")
        })

        Throwable thrown = catchThrowable {
            runPipeline('''
                hyperparameterSweep(space: [lr: [0.1]], trails: 3, metric: 'val/acc') { params -> sh 'true' }
            ''')
        }

        assertThat(thrown).hasMessageContaining('trails: unknown sweep setting')
        assertThat(calls('parallel')).isEmpty()
        assertThat(calls('sh')).isEmpty()
    }
}

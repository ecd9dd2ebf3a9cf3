// hyperparameterSweep: runs trials of the body with parameters drawn from a search space, as parallel
// branches, and stops the ones that are losing (ASHA, median stopping), e.g.
//   def result = hyperparameterSweep(space: [lr: [loguniform: [1e-4, 1e-1]], batch: [grid: [32, 64]]],
//                                    trials: 16, parallel: 4, metric: 'val/mAP', mode: 'max',
//                                    scheduler: 'asha', max_t: 30, gpu: 'gpu:1') { params ->
//       sh "python train.py --lr ${params.lr} --batch ${params.batch}"
//   }
//
// Design: every decision is the tracking plugin's, through its steps `sweepDecision` (start, next,
// finish) and `sweepTrial` (the block around one trial), which run the same sweep model
// (io.ctsuite.tracking.sweep: sampler, scheduler, state) as `ct sweep run`; this file only lays out
// the branches. Not `sh 'ct sweep ...'`: trials on different agents share no file system for the
// sweep state, and stopping a losing branch means interrupting its steps, which only a step can do.
// (On a single machine, `sh 'ct sweep run ... -- python train.py'` runs a whole sweep without the
// plugin.) Two steps, because a Pipeline step either always takes a block or never does.
//
// The contract (tracking plugin):
//   sweepDecision(action: 'start', name: ..., settings: [...])
//       name may be null (the step names the sweep after the job and build); settings is the Map of
//       sweep settings below, as given -> Map [id, parallel, trials, description]; validates every
//       setting (an unknown key or a bad space fails the step, naming the field)
//   sweepDecision(action: 'next', sweep: id)   -> Map [number, params] of the next trial, or null
//   sweepTrial(sweep: id, trial: number) { ... } -> runs the block with CT_PARAM_<NAME>, CT_PARAMS,
//       CT_SWEEP, CT_TRIAL and (in a workspace) CT_METRICS_FILE set; reads the block's
//       ##ct[metric ...] lines and metrics file live; when the scheduler stops the trial it
//       interrupts the block and returns normally; a block that fails is recorded as a failed trial
//       and the sweep goes on. Returns Map [number, status, reason, ...].
//   sweepDecision(action: 'finish', sweep: id) -> Map [best, leaderboard, compute, summary];
//       records the sweep on the build page; fails when no trial reported the metric.
//
// Settings (passed to the step untouched): space, trials, parallel, metric, mode, scheduler (asha |
// median | fifo), time_attr, max_t, grace_period, reduction_factor, brackets (ASHA: a number or
// 'all', Hyperband's hedge), bracket_selection (ASHA: fixed | adaptive), rung_value (ASHA: last |
// best | mean), rung_window, min_samples, sampler (random | sobol), seed. Options of this file only: name (the sweep's name), gpu (a gpuNode
// request each trial runs on; without it the body chooses its agent, e.g. with its own gpuNode).

def call(Map cfg = [:], Closure body) {
    Map settings = new LinkedHashMap(cfg)
    settings.remove('name')
    settings.remove('gpu')
    Map sweep = sweepDecision(action: 'start', name: cfg.name, settings: settings)
    echo('Sweep ' + sweep.id + ': ' + sweep.description)

    Map workers = [failFast: false]
    int count = sweep.parallel as int
    for (int w = 1; w <= count; w++) {
        workers['sweep worker ' + w] = {
            Map trial = sweepDecision(action: 'next', sweep: sweep.id)
            while (trial != null) {
                runTrial(sweep.id as String, trial, cfg.gpu as String, body)
                trial = sweepDecision(action: 'next', sweep: sweep.id)
            }
        }
    }
    parallel(workers)

    Map result = sweepDecision(action: 'finish', sweep: sweep.id)
    echo(result.summary as String)
    return result
}

// One trial in its own stage, on a GPU agent when asked; the step stops it when it is losing.
def runTrial(String sweepId, Map trial, String gpu, Closure body) {
    stage('trial ' + trial.number) {
        sweepTrial(sweep: sweepId, trial: trial.number) {
            if (gpu) {
                gpuNode(gpu) {
                    body(trial.params)
                }
            } else {
                body(trial.params)
            }
        }
    }
}

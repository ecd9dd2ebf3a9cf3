// nightlyTraining: continuousTraining on a schedule that trains only when the data changed enough
// since the last training (the dataset plugin's change policy decides), unless FORCE_TRAINING is ticked.
// Optionally also polls the dataset (datasetChange trigger) to start as soon as new data qualifies.

def call(Map cfg = [:]) {
    if (!(cfg.dataset instanceof Map)) {
        error("nightlyTraining: needs 'dataset' (name, path, optional policy): without data there is no change to wait for")
    }
    List triggers = [cron(cfg.schedule ?: 'H 2 * * *')]
    if (cfg.watch) {
        triggers.add(datasetChange(cfg.watch as Map))
    }
    List jobProperties = [
            pipelineTriggers(triggers),
            parameters([booleanParam(name: 'FORCE_TRAINING', defaultValue: false,
                    description: 'Train even if the data did not change enough since the last training.')]),
            disableConcurrentBuilds()
    ]
    if (cfg.jobProperties) {
        jobProperties.addAll(cfg.jobProperties as List)
    }
    properties(jobProperties)

    boolean force = String.valueOf(params.FORCE_TRAINING) == 'true'
    return continuousTraining(cfg + [onlyIfChanged: true, force: force || cfg.force == true])
}

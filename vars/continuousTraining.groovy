// continuousTraining: one continuous-training cycle, every stage optional:
//   dataset snapshot and change check -> per model, in parallel, on its own (GPU) agent:
//   train under tracking -> evaluate -> regression gate -> promotion MR / MR comment.
// Decisions (is the change worth a retrain, does the candidate pass, what goes into the MR) are made by
// the plugins' steps; this file only orders them. See continuousTraining.txt for every option.

def call(Map cfg = [:]) {
    List models = modelsOf(cfg)
    Map dataset = cfg.dataset as Map
    Map outcome = [trained: false, reason: null, datasetVersion: null, models: [:]]

    if (dataset) {
        Map decision = null
        stage('Dataset') {
            onAgent(dataset.agent ?: cfg.agent) {
                outcome.datasetVersion = datasetSnapshot(snapshotArgs(dataset))
                decision = changeDecision(dataset, outcome.datasetVersion)
            }
        }
        outcome.reason = decision.reason
        if (!decision.retrain) {
            if (cfg.force) {
                echo('Training although the data did not change enough (forced): ' + decision.reason)
                outcome.reason = 'forced: ' + decision.reason
            } else if (cfg.onlyIfChanged) {
                echo('No training: ' + decision.reason)
                currentBuild.description = 'No training: ' + decision.reason
                return outcome
            }
        } else {
            echo('Training: ' + decision.reason)
        }
    }

    if (models.size() == 1) {
        Map only = models[0] as Map
        outcome.models[only.name] = cycle(cfg, only, outcome.datasetVersion)
    } else if (models.size() > 1) {
        Map branches = [failFast: cfg.failFast ?: false]
        for (int i = 0; i < models.size(); i++) {
            Map model = models[i] as Map // one variable per branch: each closure keeps its own model
            branches[model.name] = {
                outcome.models[model.name] = cycle(cfg, model, outcome.datasetVersion)
            }
        }
        parallel(branches)
    }
    outcome.trained = !models.isEmpty()
    return outcome
}

// Train, evaluate, gate and promote one model on one agent (the checkpoint never leaves it).
Map cycle(Map cfg, Map model, datasetVersion) {
    Map result = [trained: false, verdict: null, promoted: false, mergeRequest: null, run: null]
    Map gate = gateOf(model.gate ?: cfg.gate)
    Map promote = (model.promote ?: cfg.promote) as Map
    Map dataset = cfg.dataset as Map
    String name = model.name

    // The scripts learn which data they train and evaluate on (lineage, the dataset_version of results).
    List datasetEnv = []
    if (dataset && datasetVersion) {
        datasetEnv = ['CT_DATASET=' + dataset.name, 'CT_DATASET_VERSION=' + datasetVersion]
    }
    modelAgent(cfg, model) {
        withEnv(datasetEnv) {
            if (cfg.checkout != false) {
                checkout(scm)
            }
            if (datasetEnv && dataset.materialize != false) {
                useDataset(name: dataset.name, version: datasetVersion, materialize: dataset.materialize ?: 'data/')
            }
            stage('Train ' + name) {
                trackExperiment(trackArgs(model)) {
                    if (model.params) {
                        logParams(model.params)
                    }
                    sh(model.train)
                }
                result.run = experimentResult(name: name)
                result.trained = true
                if (model.archive) {
                    archiveArtifacts(artifacts: model.archive, fingerprint: true)
                }
            }
            if (model.evaluate) {
                stage('Evaluate ' + name) {
                    for (command in asList(model.evaluate)) {
                        sh(command)
                    }
                }
            }
            if (gate) {
                stage('Gate ' + name) {
                    Map report = regressionGate(gateArgs(gate))
                    result.verdict = report.verdict
                    if (report.verdict != 'PASS') {
                        unstable('Regression gate ' + report.verdict + ' for ' + name +
                                ': the candidate is not promoted')
                    }
                }
            }
            String mr = env.gitlabMergeRequestIid
            if (promote && mr && promote.comment != false) {
                stage('Report on MR !' + mr) {
                    gitlabComment(connection: promote.connection ?: 'gitlab',
                            project: promote.commentProject ?: promote.project, mr: mr, report: true)
                }
            }
            if (promote && !(mr && !promote.fromMergeRequests)) {
                stage('Promote ' + name) {
                    boolean gated = result.verdict == 'PASS' || (!gate && promote.requireGate == false)
                    if (gated) {
                        result.mergeRequest = promoteModel(promoteArgs(promote, model))
                        result.promoted = true
                    } else {
                        String why = gate ? 'the regression gate said ' + result.verdict
                                : 'no gate configured and requireGate is not false'
                        echo('Not promoting ' + name + ': ' + why)
                    }
                }
            }
        }
    }
    return result
}

// With a trigger's reason the data already qualified; otherwise the dataset plugin's change policy decides.
Map changeDecision(Map dataset, version) {
    if (env.CT_TRIGGER_REASON) {
        return [retrain: true, reason: env.CT_TRIGGER_REASON]
    }
    Map args = [name: dataset.name, to: version]
    String since = dataset.since ?: env.CT_DATASET_PREVIOUS
    if (since) {
        args.from = since
    }
    if (dataset.policy) {
        args.policy = dataset.policy
    }
    Map diff = datasetDiff(args)
    String fallback = diff.retrain ? 'the data changed' : 'the data did not change enough'
    return [retrain: diff.retrain as boolean, reason: diff.reason ?: fallback]
}

List modelsOf(Map cfg) {
    List models = cfg.models ?: (cfg.model ? [cfg.model] : (cfg.train ? [shorthandModel(cfg)] : []))
    for (int i = 0; i < models.size(); i++) {
        Map model = models[i] as Map
        if (!model?.name || !model?.train) {
            error('continuousTraining: model #' + (i + 1) + " needs 'name' and 'train' (the training command)")
        }
    }
    return models
}

// The one-model shorthand: train: [command, gpu, ...], evaluate: [command, candidate, baseline], gate: 'gate.yaml'.
Map shorthandModel(Map cfg) {
    Map train = cfg.train instanceof Map ? cfg.train as Map : [command: cfg.train]
    Map evaluate = cfg.evaluate instanceof Map ? cfg.evaluate as Map : (cfg.evaluate ? [command: cfg.evaluate] : [:])
    Map model = [:] + train
    model.remove('command')
    model.train = train.command
    model.name = cfg.name ?: train.name ?: nameFromKey(cfg.promote) ?: env.JOB_NAME
    if (evaluate.command) {
        model.evaluate = evaluate.command
    }
    if (cfg.modelUri && !model.modelUri) {
        model.modelUri = cfg.modelUri
    }
    if (cfg.gate != null && (evaluate.candidate || evaluate.baseline)) {
        Map gate = gateOf(cfg.gate)
        model.gate = [candidate: evaluate.candidate, baseline: evaluate.baseline] + gate
    }
    return model
}

String nameFromKey(promote) {
    String key = promote instanceof Map ? promote.key : null
    return key ? key.tokenize('.').last() : null
}

// A gate is a spec file name or a map with spec (file or map of checks), candidate, baseline.
Map gateOf(gate) {
    if (gate == null || gate == false) {
        return null
    }
    return gate instanceof Map ? gate as Map : [spec: gate]
}

Map snapshotArgs(Map dataset) {
    if (!dataset.name || !dataset.path) {
        error("continuousTraining: dataset needs 'name' and 'path' (a directory on the agent or an s3:// URL)")
    }
    Map args = [name: dataset.name, path: dataset.path]
    if (dataset.registry) {
        args.registry = dataset.registry
    }
    return args
}

Map trackArgs(Map model) {
    Map args = [name: model.experiment ?: model.name]
    if (model.tensorboard) {
        args.tensorboard = model.tensorboard
    }
    if (model.metrics) {
        args.metrics = model.metrics
    }
    return args
}

Map gateArgs(Map gate) {
    if (!gate.spec) {
        error("continuousTraining: gate needs 'spec' (a YAML file in the workspace or a map of checks)")
    }
    return [candidate: gate.candidate ?: 'eval/candidate.jsonl',
            baseline : gate.baseline ?: 'eval/production.jsonl',
            spec     : gate.spec]
}

Map promoteArgs(Map promote, Map model) {
    if (!promote.project) {
        error("continuousTraining: promote needs 'project' (the deployment repository on GitLab)")
    }
    Map args = [connection : promote.connection ?: 'gitlab',
                project    : promote.project,
                file       : promote.file ?: 'deploy/models.yaml',
                key        : promote.key ?: 'models.' + model.name,
                requireGate: promote.requireGate != false]
    if (model.modelUri) {
        args.modelUri = model.modelUri // else promoteModel takes the model artifact the build tracked
    }
    return args
}

def modelAgent(Map cfg, Map model, Closure body) {
    if (model.gpu) {
        return gpuNode(model.gpu, body)
    }
    return onAgent(model.agent ?: cfg.agent, body)
}

def onAgent(String label, Closure body) {
    if (label) {
        return node(label, body)
    }
    return node(body)
}

List asList(value) {
    return value instanceof List ? value : [value]
}

package io.ctsuite.vars

import static com.lesfurets.jenkins.unit.global.lib.LibraryConfiguration.library

import com.lesfurets.jenkins.unit.BasePipelineTest
import com.lesfurets.jenkins.unit.MethodCall
import com.lesfurets.jenkins.unit.global.lib.SourceRetriever
import org.junit.Before

/**
 * Base class of the shared library tests: loads the repository's own {@code vars/} as the implicit
 * library {@code ct} (as a Jenkins "global pipeline library" pointing at this repository would) and
 * mocks the Jenkins steps the library calls, including the suite's plugin steps.
 *
 * <p>Plugin steps return what the fields below say, so a test changes one field to steer a path
 * (a gate that fails, a dataset that did not change) and then asserts the recorded call stack.
 *
 * <p>Pipelines under test are Groovy text given to {@link #runPipeline(String)}, or files loaded
 * with {@link #runPipelineFile(File)} (e.g. {@code examples/Jenkinsfile}).
 */
abstract class SharedLibraryTest extends BasePipelineTest {

    /** The repository root: the library's vars/ lives there, as Jenkins expects. */
    static final File REPOSITORY_ROOT = locateRepositoryRoot()

    /** Where the pipelines written by tests go; a script root of the helper. */
    private static final File PIPELINES = createPipelineDir()
    private static int pipelineCounter = 0

    /** What the plugin steps return; tests change these before running a pipeline. */
    String snapshotVersion = 'ds-v2'
    Map datasetDiffResult = [retrain: true, reason: 'phase-videos grew 2.0x since ds-v1: +120 files, new source hospital-c']
    Map gateResult = [verdict: 'PASS', checks: []]
    Map experiment = [id: 'run-7', metrics: ['val/acc': 0.91]]
    String mergeRequestUrl = 'https://gitlab.example.com/ml/deploy/-/merge_requests/12'
    String podYaml = 'apiVersion: v1\nkind: Pod\n'

    @Override
    @Before
    void setUp() throws Exception {
        scriptRoots = [PIPELINES.path] as String[]
        scriptExtension = 'groovy'
        super.setUp()
        helper.registerSharedLibrary(library()
                .name('ct')
                .defaultVersion('main')
                .allowOverride(true)
                .implicit(true)
                .targetPath(REPOSITORY_ROOT.path)
                .retriever(new RepositoryRoot())
                .build())
        registerJenkinsSteps()
        registerPluginSteps()
        binding.setVariable('env', [BUILD_NUMBER: '7', BUILD_URL: 'https://ci.example.com/job/train/7/',
                                    JOB_NAME: 'train'])
        binding.setVariable('params', [:])
        binding.setVariable('scm', [$class: 'GitSCM'])
        binding.setVariable('currentBuild', [result: 'SUCCESS', number: 7, description: null])
    }

    /** Runs pipeline text (what a Jenkinsfile would contain) with the library loaded. */
    Object runPipeline(String text) {
        String name = 'pipeline' + (++pipelineCounter)
        new File(PIPELINES, name + '.groovy').setText(text, 'UTF-8')
        return runScript(name + '.groovy')
    }

    /** Runs a Jenkinsfile from the repository, e.g. examples/Jenkinsfile. */
    Object runPipelineFile(File file) {
        return runPipeline(file.getText('UTF-8'))
    }

    /** The calls of one step, in order. */
    List<MethodCall> calls(String step) {
        return helper.callStack.findAll { it.methodName == step }
    }

    /** The named arguments of each call of a step that takes a map. */
    List<Map> mapArgs(String step) {
        return calls(step).collect { it.args[0] as Map }
    }

    /** Step names in call order, for asserting the shape of a run. */
    List<String> stepOrder(Collection<String> steps) {
        return helper.callStack.findAll { it.methodName in steps }.collect { it.methodName }
    }

    /** The first argument of every call of a step (stage names, sh scripts, echo texts). */
    List<String> firstArgs(String step) {
        return calls(step).collect { String.valueOf(it.args[0]) }
    }

    /** Replaces the `sh` mock (String and GString scripts alike), e.g. to make one command fail. */
    void onSh(Closure behaviour) {
        helper.registerAllowedMethod('sh', [String], behaviour)
        helper.registerAllowedMethod('sh', [CharSequence], behaviour)
    }

    String result() {
        return binding.getVariable('currentBuild').result
    }

    private void registerJenkinsSteps() {
        // Jenkins accepts GStrings where a String is declared; JenkinsPipelineUnit matches types exactly.
        helper.registerAllowedMethod('stage', [CharSequence, Closure], null)
        helper.registerAllowedMethod('node', [CharSequence, Closure], null)
        helper.registerAllowedMethod('echo', [CharSequence], null)
        helper.registerAllowedMethod('sh', [CharSequence], null)
        helper.registerAllowedMethod('checkout', [Object], null)
        helper.registerAllowedMethod('withEnv', [List, Closure], null)
        helper.registerAllowedMethod('cron', [CharSequence], { String spec -> [cron: spec] })
        helper.registerAllowedMethod('parameters', [List], { List l -> [parameters: l] })
        helper.registerAllowedMethod('pipelineTriggers', [List], { List l -> [pipelineTriggers: l] })
        helper.registerAllowedMethod('properties', [List], null)
        helper.registerAllowedMethod('booleanParam', [Map], { Map m -> [booleanParam: m] })
        helper.registerAllowedMethod('disableConcurrentBuilds', [], null)
        helper.registerAllowedMethod('buildDiscarder', [Object], null)
        helper.registerAllowedMethod('logRotator', [Map], { Map m -> [logRotator: m] })
        // In Jenkins `error` aborts the run and `unstable` marks the build; 1.1's mock does neither.
        Closure error = { CharSequence message ->
            updateBuildStatus('FAILURE')
            throw new PipelineError(message.toString())
        }
        helper.registerAllowedMethod('error', [String], error) // replaces 1.1's mock, which does not stop
        helper.registerAllowedMethod('error', [CharSequence], error)
        helper.registerAllowedMethod('unstable', [CharSequence], { CharSequence message ->
            if (result() == 'SUCCESS') {
                updateBuildStatus('UNSTABLE')
            }
        })
        helper.registerAllowedMethod('podTemplate', [Map, Closure], { Map args, Closure body ->
            binding.setVariable('POD_LABEL', 'ct-gpu-pod-1')
            try {
                return body.call()
            } finally {
                binding.variables.remove('POD_LABEL')
            }
        })
    }

    private void registerPluginSteps() {
        helper.registerAllowedMethod('datasetSnapshot', [Map], { Map m -> snapshotVersion })
        helper.registerAllowedMethod('datasetDiff', [Map], { Map m -> datasetDiffResult })
        helper.registerAllowedMethod('useDataset', [Map], { Map m -> m.version ?: snapshotVersion })
        helper.registerAllowedMethod('datasetChange', [Map], { Map m -> [datasetChange: m] })
        helper.registerAllowedMethod('trackExperiment', [Map, Closure], { Map m, Closure body -> body.call() })
        helper.registerAllowedMethod('logParams', [Map], null)
        helper.registerAllowedMethod('logMetric', [Map], null)
        helper.registerAllowedMethod('experimentResult', [Map], { Map m -> experiment })
        helper.registerAllowedMethod('regressionGate', [Map], { Map m -> gateResult })
        helper.registerAllowedMethod('promoteModel', [Map], { Map m -> mergeRequestUrl })
        helper.registerAllowedMethod('gitlabComment', [Map], null)
        helper.registerAllowedMethod('gpuPodYaml', [CharSequence], { CharSequence request -> podYaml })
        helper.registerAllowedMethod('withGpus', [Integer, Closure], { Integer n, Closure body -> body.call() })
    }

    private static File locateRepositoryRoot() {
        String vars = System.getProperty('ct.vars.dir')
        File dir = vars ? new File(vars).canonicalFile.parentFile : new File('..').canonicalFile
        if (!new File(dir, 'vars').isDirectory()) {
            throw new IllegalStateException("No vars/ directory under ${dir}; run the tests from vars-test/")
        }
        return dir
    }

    private static File createPipelineDir() {
        File dir = File.createTempFile('ct-pipelines', '')
        dir.delete()
        dir.mkdirs()
        dir.deleteOnExit()
        return dir
    }

    /** Hands the repository root to the library loader, which reads vars/ (and src/ if any) from it. */
    static class RepositoryRoot implements SourceRetriever {
        @Override
        List<URL> retrieve(String repository, String branch, String targetPath) {
            return [REPOSITORY_ROOT.toURI().toURL()]
        }
    }

    /** What `error` throws in these tests: Jenkins stops the run the same way. */
    static class PipelineError extends RuntimeException {
        PipelineError(String message) {
            super(message)
        }
    }
}

package io.ctsuite.vars

import static org.assertj.core.api.Assertions.assertThat

import org.junit.Test

/** The minimal Jenkinsfile in the repository README must run against the library as it is. */
class ReadmeExampleTest extends SharedLibraryTest {

    @Test
    void shouldRunTheReadmesMinimalJenkinsfile() {
        String readme = new File(REPOSITORY_ROOT, 'README.md').getText('UTF-8')
        def block = readme =~ /(?s)```groovy\n(.*?)```/
        assertThat(block.find()).as('a ```groovy block in README.md').isTrue()

        runPipeline(block.group(1))

        assertThat(stepOrder(['datasetSnapshot', 'trackExperiment', 'regressionGate', 'promoteModel']))
                .containsExactly('datasetSnapshot', 'trackExperiment', 'regressionGate', 'promoteModel')
        assertThat(result()).isEqualTo('SUCCESS')
    }
}

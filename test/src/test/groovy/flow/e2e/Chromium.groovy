package flow.e2e

import javax.imageio.ImageIO
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * Debian's Chromium, headless, as the report specs open reports: a fresh profile each time, no
 * sandbox (CI runs as root), no GPU, no background networking. test/run-tests.sh installs it.
 */
class Chromium {
    static final List<String> FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                                       '--disable-component-update', '--disable-sync', '--no-first-run', '--hide-scrollbars']

    /** Stops a spec that needs Chromium when there is none: under CI a failure, elsewhere an aborted test. */
    static void require() {
        if (['/usr/bin/chromium', '/usr/bin/chromium-browser'].any { Files.isExecutable(Path.of(it)) }) return
        if (System.getenv('CI')) throw new AssertionError('chromium is not installed: test/run-tests.sh must install it under CI')
        throw new org.opentest4j.TestAbortedException('no chromium here (apt-get install chromium)')
    }

    /** The page's DOM after its scripts ran. */
    static String dom(Path page) {
        run(['--dump-dom', page.toUri().toString()])
    }

    /** A PNG of the page as a 1280-wide window shows it. */
    static Path screenshot(Path page, Path png, int height = 2200) {
        run(["--window-size=1280,${height}".toString(), "--screenshot=${png}".toString(), page.toUri().toString()])
        png
    }

    /** How many pixels of the image are not (nearly) white: a blank page has none. */
    static int inkedPixels(Path png) {
        def image = ImageIO.read(png.toFile())
        int inked = 0
        for (int y = 0; y < image.height; y += 2) {
            for (int x = 0; x < image.width; x += 2) {
                int rgb = image.getRGB(x, y)
                if (((rgb >> 16) & 0xff) < 200 || ((rgb >> 8) & 0xff) < 200 || (rgb & 0xff) < 200) inked++
            }
        }
        inked
    }

    private static String run(List<String> args) {
        Path profile = Files.createTempDirectory('chromium-profile')
        def command = [['/usr/bin/chromium', '/usr/bin/chromium-browser'].find { Files.isExecutable(Path.of(it)) }] + FLAGS +
                ["--user-data-dir=${profile}".toString()] + args
        def process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start()
        String out = process.inputStream.text
        assert process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0: "chromium failed: ${command}"
        profile.toFile().deleteDir()
        out
    }
}

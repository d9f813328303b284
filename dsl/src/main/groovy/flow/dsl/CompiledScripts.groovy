package flow.dsl

import flow.util.Digests
import groovy.transform.CompileStatic
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.Phases
import org.codehaus.groovy.tools.GroovyClass

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

/**
 * Compiled .flow scripts, cached by the hash of their text, class name and Groovy version under
 * {@code ~/.flow/cache/scripts/}: Groovy's first compilation in a JVM costs over a second (its
 * parser warming up), loading the cached bytecode does not. A cache that cannot be read or
 * written is simply not used.
 */
@CompileStatic
class CompiledScripts {
    private final Path dir

    CompiledScripts(Path dir) {
        this.dir = dir
    }

    static CompiledScripts inUserHome() {
        new CompiledScripts(Path.of(System.getProperty('user.home'), '.flow', 'cache', 'scripts'))
    }

    /** The script class for this text: from the cache, else compiled (and cached). */
    Class<?> load(String text, String compiledName, CompilerConfiguration config, ClassLoader parent) {
        String key = Digests.sha256(GroovySystem.version + '\n' + compiledName + '\n' + text)
        Path entry = dir.resolve(key)
        Map<String, byte[]> classes = read(entry)
        if (classes == null) {
            classes = compile(text, compiledName, config, parent)
            write(entry, classes)
        }
        String main = compiledName.substring(0, compiledName.lastIndexOf('.'))
        new BytecodeLoader(parent, classes).loadClass(main)
    }

    private static Map<String, byte[]> compile(String text, String compiledName, CompilerConfiguration config, ClassLoader parent) {
        def unit = new CompilationUnit(config, null, new GroovyClassLoader(parent, config))
        unit.addSource(compiledName, text)
        unit.compile(Phases.CLASS_GENERATION)
        Map<String, byte[]> classes = [:]
        for (GroovyClass c : (List<GroovyClass>) unit.classes) classes.put(c.name, c.bytes)
        classes
    }

    private static Map<String, byte[]> read(Path entry) {
        if (!Files.isDirectory(entry)) return null
        try {
            Map<String, byte[]> classes = [:]
            Files.list(entry).withCloseable { files ->
                files.filter { Path p -> p.toString().endsWith('.class') }.forEach { Path p ->
                    String name = p.fileName.toString()
                    classes.put(name.substring(0, name.length() - 6), Files.readAllBytes(p))
                }
            }
            classes.isEmpty() ? null : classes
        } catch (IOException ignored) {
            null
        }
    }

    /** Written into a temporary directory, then renamed: a half-written entry is never read. */
    private static void write(Path entry, Map<String, byte[]> classes) {
        try {
            Files.createDirectories(entry.parent)
            Path tmp = Files.createTempDirectory(entry.parent, '.tmp-')
            classes.each { String name, byte[] bytes -> Files.write(tmp.resolve(name + '.class'), bytes) }
            Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE)
        } catch (IOException ignored) {
            // another process cached it first, or the cache is not writable: compiling again is enough
        }
    }

    /** Defines the script's classes (the script and its closures) from bytecode, on demand. */
    private static final class BytecodeLoader extends ClassLoader {
        private final Map<String, byte[]> classes

        BytecodeLoader(ClassLoader parent, Map<String, byte[]> classes) {
            super(parent)
            this.classes = classes
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name)
            if (bytes == null) throw new ClassNotFoundException(name)
            defineClass(name, bytes, 0, bytes.length)
        }
    }
}

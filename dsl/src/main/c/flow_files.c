/*
 * JNI entry points of flow.util.NativeFiles (built by build.sh), for what a resume does to a
 * production's directories of 100,000 files, where going through the JDK a file at a time costs
 * more than the kernel's work:
 * - statAll: the attributes of many files of one directory in one call, each looked up by its
 *   name relative to the directory held open (fstatat, symbolic links followed);
 * - sortedNames: the names in a directory, sorted as their bytes are.
 */
#include <jni.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Per name, FIELDS longs: size, modification time (ns), device, inode; where a name has no
 * attributes, size is -1 and the second long the errno that said why. */
#define FIELDS 4

/*
 * dir: the directory's path, NUL-terminated; names: count names, each NUL-terminated; out:
 * count * FIELDS longs. Returns 0, or the errno of opening the directory (out is then untouched).
 */
JNIEXPORT jint JNICALL Java_flow_util_NativeFiles_statAll(JNIEnv *env, jclass cls, jbyteArray dir, jbyteArray names, jint count,
                                                        jlongArray out)
{
    jsize dirLength = (*env)->GetArrayLength(env, dir), namesLength = (*env)->GetArrayLength(env, names);
    char *path = malloc((size_t) dirLength + (size_t) namesLength);
    jlong *values = malloc(sizeof(jlong) * FIELDS * (size_t) (count > 0 ? count : 1));
    if (path == NULL || values == NULL) {
        free(path);
        free(values);
        return ENOMEM;
    }
    char *name = path + dirLength;
    (*env)->GetByteArrayRegion(env, dir, 0, dirLength, (jbyte *) path);
    (*env)->GetByteArrayRegion(env, names, 0, namesLength, (jbyte *) name);
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        int failure = errno;
        free(path);
        free(values);
        return failure;
    }
    for (jint i = 0; i < count; i++) {
        struct stat st;
        jlong *v = values + (size_t) i * FIELDS;
        if (fstatat(fd, name, &st, 0) == 0) {
            v[0] = (jlong) st.st_size;
            v[1] = (jlong) st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
            v[2] = (jlong) st.st_dev;
            v[3] = (jlong) st.st_ino;
        } else {
            v[0] = -1;
            v[1] = errno;
            v[2] = v[3] = 0;
        }
        while (*name++ != '\0') {}
    }
    close(fd);
    (*env)->SetLongArrayRegion(env, out, 0, count * FIELDS, values);
    free(path);
    free(values);
    return 0;
}

static int byBytes(const void *a, const void *b)
{
    return strcmp(*(char *const *) a, *(char *const *) b); /* compares as unsigned char */
}

/*
 * dir: the directory's path, NUL-terminated. Returns its names but . and .., sorted as their
 * bytes are, each NUL-terminated, one after the other; NULL where it cannot be read.
 */
JNIEXPORT jbyteArray JNICALL Java_flow_util_NativeFiles_sortedNames(JNIEnv *env, jclass cls, jbyteArray dir)
{
    jsize dirLength = (*env)->GetArrayLength(env, dir);
    char *path = malloc((size_t) dirLength);
    if (path == NULL) return NULL;
    (*env)->GetByteArrayRegion(env, dir, 0, dirLength, (jbyte *) path);
    DIR *d = opendir(path);
    free(path);
    if (d == NULL) return NULL;
    size_t count = 0, capacity = 1024, bytes = 0;
    char **names = malloc(capacity * sizeof(char *));
    int failed = names == NULL;
    for (struct dirent *e; !failed && (errno = 0, e = readdir(d)) != NULL; ) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (count == capacity) {
            char **more = realloc(names, (capacity *= 2) * sizeof(char *));
            if (more == NULL) { failed = 1; break; }
            names = more;
        }
        if ((names[count] = strdup(e->d_name)) == NULL) { failed = 1; break; }
        bytes += strlen(names[count++]) + 1;
    }
    failed = failed || errno != 0;
    closedir(d);
    jbyteArray all = NULL;
    char *joined = failed ? NULL : malloc(bytes > 0 ? bytes : 1);
    if (joined != NULL) {
        qsort(names, count, sizeof(char *), byBytes);
        size_t at = 0;
        for (size_t i = 0; i < count; i++) {
            size_t length = strlen(names[i]) + 1;
            memcpy(joined + at, names[i], length);
            at += length;
        }
        all = (*env)->NewByteArray(env, (jsize) bytes);
        if (all != NULL) (*env)->SetByteArrayRegion(env, all, 0, (jsize) bytes, (jbyte *) joined);
        free(joined);
    }
    for (size_t i = 0; i < count; i++) free(names[i]);
    free(names);
    return all;
}

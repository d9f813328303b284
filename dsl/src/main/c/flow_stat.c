/*
 * JNI entry point of flow.util.FileStats (built by build.sh): the attributes of many files of one
 * directory in one call, each looked up by its name relative to the directory held open
 * (fstatat, symbolic links followed). A resume looks at 300,000 files of a 100,000-task run;
 * through NIO each look costs twice what the system call does, and makes five objects.
 */
#include <jni.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* Per name, FIELDS longs: size, modification time (ns), device, inode; where a name has no
 * attributes, size is -1 and the second long the errno that said why. */
#define FIELDS 4

/*
 * dir: the directory's path, NUL-terminated; names: count names, each NUL-terminated; out:
 * count * FIELDS longs. Returns 0, or the errno of opening the directory (out is then untouched).
 */
JNIEXPORT jint JNICALL Java_flow_util_FileStats_statAll(JNIEnv *env, jclass cls, jbyteArray dir, jbyteArray names, jint count,
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

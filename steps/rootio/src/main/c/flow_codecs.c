/*
 * JNI entry points of flow.rootio.NativeCodecs (built by build.sh): whole-buffer zlib/deflate
 * (libdeflate) and xz (liblzma) decoding of one ROOT compressed block into a Java array. Each returns the number of
 * bytes written, or a negative code: -1 corrupt or truncated input, -2 output larger than the
 * space given, -3 out of memory.
 */
#include <jni.h>
#include <stdint.h>
#include <libdeflate.h>
#include <lzma.h>

static jint inflate_block(JNIEnv *env, jbyteArray in, jint at, jint len, jbyteArray out, jint outAt, jint size, int raw)
{
    struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
    if (d == NULL) return -3;
    jbyte *src = (*env)->GetPrimitiveArrayCritical(env, in, NULL);
    jbyte *dst = (*env)->GetPrimitiveArrayCritical(env, out, NULL);
    size_t written = 0;
    enum libdeflate_result r = raw
        ? libdeflate_deflate_decompress(d, src + at, (size_t) len, dst + outAt, (size_t) size, &written)
        : libdeflate_zlib_decompress(d, src + at, (size_t) len, dst + outAt, (size_t) size, &written);
    (*env)->ReleasePrimitiveArrayCritical(env, out, dst, 0);
    (*env)->ReleasePrimitiveArrayCritical(env, in, src, JNI_ABORT);
    libdeflate_free_decompressor(d);
    if (r == LIBDEFLATE_SUCCESS) return (jint) written;
    return r == LIBDEFLATE_INSUFFICIENT_SPACE ? -2 : -1;
}

JNIEXPORT jint JNICALL Java_flow_rootio_NativeCodecs_zlib(JNIEnv *env, jclass cls, jbyteArray in, jint at, jint len,
                                                          jbyteArray out, jint outAt, jint size)
{
    return inflate_block(env, in, at, len, out, outAt, size, 0);
}

JNIEXPORT jint JNICALL Java_flow_rootio_NativeCodecs_deflate(JNIEnv *env, jclass cls, jbyteArray in, jint at, jint len,
                                                             jbyteArray out, jint outAt, jint size)
{
    return inflate_block(env, in, at, len, out, outAt, size, 1);
}

JNIEXPORT jint JNICALL Java_flow_rootio_NativeCodecs_xz(JNIEnv *env, jclass cls, jbyteArray in, jint at, jint len,
                                                        jbyteArray out, jint outAt, jint size)
{
    /* the stream API rather than lzma_stream_buffer_decode, which reports a cut input and a
       too small output alike */
    lzma_stream xz = LZMA_STREAM_INIT;
    if (lzma_stream_decoder(&xz, UINT64_MAX, 0) != LZMA_OK) return -3;
    jbyte *src = (*env)->GetPrimitiveArrayCritical(env, in, NULL);
    jbyte *dst = (*env)->GetPrimitiveArrayCritical(env, out, NULL);
    xz.next_in = (const uint8_t *) src + at;
    xz.avail_in = (size_t) len;
    xz.next_out = (uint8_t *) dst + outAt;
    xz.avail_out = (size_t) size;
    lzma_ret r = lzma_code(&xz, LZMA_FINISH);
    size_t written = (size_t) size - xz.avail_out;
    int overflow = 0;
    if (r == LZMA_OK && xz.avail_out == 0) { /* output full before the stream's end: is there more? */
        uint8_t extra;
        xz.next_out = &extra;
        xz.avail_out = 1;
        r = lzma_code(&xz, LZMA_FINISH);
        overflow = xz.avail_out == 0;
    }
    (*env)->ReleasePrimitiveArrayCritical(env, out, dst, 0);
    (*env)->ReleasePrimitiveArrayCritical(env, in, src, JNI_ABORT);
    lzma_end(&xz);
    if (overflow) return -2;
    if (r == LZMA_STREAM_END) return (jint) written;
    return r == LZMA_MEM_ERROR ? -3 : -1;
}

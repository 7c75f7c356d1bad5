/* SPDX-License-Identifier: MIT */
/*
 * Java (package sipmethods, class sipmethods): ids, sets, indexes and offsets are int (every
 * id fits: OTHER is 524288). Input is a byte[] (exact bytes, NUL included); the String
 * overloads added below encode to UTF-8 first. A record becomes an instance of a plain Java
 * class of this package (Message, MethodInfo, StatusInfo, Allow) built from a map the JNI code
 * fills; its text fields come as byte[] and as String (decoded as UTF-8). "No result" is null.
 * An SM_E* error throws sipmethods.ParseException (an IllegalArgumentException) with
 * getOffset(), getCode() and getName(); a null argument throws NullPointerException.
 * The JNI library is libsipmethods_jni, loaded from java.library.path, or from the file named
 * by the system property sipmethods.jni. The common interface, ../sipmethods.i, is included at
 * the end.
 */
%module sipmethods

%{
#include "smw.h"
%}

%apply int { uint32_t };
%apply int { size_t };

/* A native string is a byte[], read for exactly its length and released unchanged. */
%typemap(jni) (char *STRING, size_t LENGTH) "jbyteArray"
%typemap(jtype) (char *STRING, size_t LENGTH) "byte[]"
%typemap(jstype) (char *STRING, size_t LENGTH) "byte[]"
%typemap(javain) (char *STRING, size_t LENGTH) "$javainput"
%typemap(in) (char *STRING, size_t LENGTH) {
  jsize smw_len;
  if (!$input) {
    SWIG_JavaThrowException(jenv, SWIG_JavaNullPointerException, "null byte[]");
    return $null;
  }
  smw_len = (*jenv)->GetArrayLength(jenv, $input);
  if (smw_len == 0) {
    $1 = ($1_ltype)"";
  } else {
    $1 = ($1_ltype)(*jenv)->GetByteArrayElements(jenv, $input, NULL);
    if (!$1)
      return $null; /* OutOfMemoryError pending */
  }
  $2 = (size_t)smw_len;
}
%typemap(argout) (char *STRING, size_t LENGTH) ""
%typemap(freearg) (char *STRING, size_t LENGTH) {
  if ($2 > 0)
    (*jenv)->ReleaseByteArrayElements(jenv, $input, (jbyte *)$1, JNI_ABORT);
}

%{
static jclass smw_j_hashmap, smw_j_object, smw_j_bytes, smw_j_integer, smw_j_boolean, smw_j_parse;
static jmethodID smw_j_hashmap_new, smw_j_hashmap_put, smw_j_integer_of, smw_j_boolean_of, smw_j_parse_new;

static jclass smw_java_class(JNIEnv *env, const char *name)
{
    jclass local = (*env)->FindClass(env, name), global;
    if (local == NULL)
        return NULL;
    global = (jclass)(*env)->NewGlobalRef(env, local);
    (*env)->DeleteLocalRef(env, local);
    return global;
}

/* Looks up, once, the classes and methods the conversions below use. */
SWIGEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved)
{
    JNIEnv *env;
    (void)reserved;
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_6) != JNI_OK)
        return JNI_ERR;
    if (!(smw_j_hashmap = smw_java_class(env, "java/util/HashMap"))
        || !(smw_j_object = smw_java_class(env, "java/lang/Object"))
        || !(smw_j_bytes = smw_java_class(env, "[B"))
        || !(smw_j_integer = smw_java_class(env, "java/lang/Integer"))
        || !(smw_j_boolean = smw_java_class(env, "java/lang/Boolean"))
        || !(smw_j_parse = smw_java_class(env, "sipmethods/ParseException")))
        return JNI_ERR;
    smw_j_hashmap_new = (*env)->GetMethodID(env, smw_j_hashmap, "<init>", "()V");
    smw_j_hashmap_put = (*env)->GetMethodID(env, smw_j_hashmap, "put",
                                            "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;");
    smw_j_integer_of = (*env)->GetStaticMethodID(env, smw_j_integer, "valueOf", "(I)Ljava/lang/Integer;");
    smw_j_boolean_of = (*env)->GetStaticMethodID(env, smw_j_boolean, "valueOf", "(Z)Ljava/lang/Boolean;");
    smw_j_parse_new = (*env)->GetMethodID(env, smw_j_parse, "<init>", "(Ljava/lang/String;ILjava/lang/String;J)V");
    if (!smw_j_hashmap_new || !smw_j_hashmap_put || !smw_j_integer_of || !smw_j_boolean_of || !smw_j_parse_new)
        return JNI_ERR;
    return JNI_VERSION_1_6;
}

static jbyteArray smw_java_bytes(JNIEnv *env, const char *p, size_t n)
{
    jbyteArray a = (*env)->NewByteArray(env, (jsize)n);
    if (a != NULL && n > 0)
        (*env)->SetByteArrayRegion(env, a, 0, (jsize)n, (const jbyte *)p);
    return a;
}

/* A local reference to v's value (NULL for SMW_NIL, or with an exception pending). */
static jobject smw_java_value(JNIEnv *env, const smw_record *r, const smw_value *v)
{
    switch (v->kind) {
    case SMW_INT:
        return (*env)->CallStaticObjectMethod(env, smw_j_integer, smw_j_integer_of, (jint)v->i);
    case SMW_BOOL:
        return (*env)->CallStaticObjectMethod(env, smw_j_boolean, smw_j_boolean_of, (jboolean)(v->i != 0));
    case SMW_STR:
        return smw_java_bytes(env, v->s, v->n);
    case SMW_LIST: {
        jobjectArray a = (*env)->NewObjectArray(env, (jsize)v->n, smw_j_bytes, NULL);
        size_t i;
        for (i = 0; a != NULL && i < v->n; i++) {
            const char *p;
            size_t n;
            jbyteArray item;
            smw_list_item(r, v, i, &p, &n);
            if ((item = smw_java_bytes(env, p, n)) == NULL)
                return NULL;
            (*env)->SetObjectArrayElement(env, a, (jsize)i, item);
            (*env)->DeleteLocalRef(env, item);
        }
        return a;
    }
    case SMW_NIL:
    default:
        return NULL;
    }
}

/* A record as a HashMap<String, Object>, a tuple as an Object[]; NULL for no result. */
static jobject smw_java_record(JNIEnv *env, const smw_record *r)
{
    jobject obj;
    size_t i;
    if (!r->present)
        return NULL;
    obj = r->tuple ? (jobject)(*env)->NewObjectArray(env, (jsize)r->count, smw_j_object, NULL)
                   : (*env)->NewObject(env, smw_j_hashmap, smw_j_hashmap_new);
    for (i = 0; obj != NULL && i < r->count; i++) {
        const smw_value *v = &r->v[i];
        jobject value = smw_java_value(env, r, v);
        if ((*env)->ExceptionCheck(env))
            return NULL;
        if (r->tuple) {
            (*env)->SetObjectArrayElement(env, (jobjectArray)obj, (jsize)i, value);
        } else {
            jstring key = (*env)->NewStringUTF(env, v->key);
            jobject old;
            if (key == NULL)
                return NULL;
            old = (*env)->CallObjectMethod(env, obj, smw_j_hashmap_put, key, value);
            if (old != NULL)
                (*env)->DeleteLocalRef(env, old);
            (*env)->DeleteLocalRef(env, key);
        }
        if (value != NULL)
            (*env)->DeleteLocalRef(env, value);
        if ((*env)->ExceptionCheck(env))
            return NULL;
    }
    return obj;
}

static void smw_java_throw(JNIEnv *env, const smw_error *e)
{
    smw_text msg = smw_error_format(e->code, e->offset);
    const char *name = sm_errname(e->code);
    jstring jmsg, jname = NULL;
    jobject exc;
    if ((*env)->ExceptionCheck(env))
        return;
    if ((jmsg = (*env)->NewStringUTF(env, msg.s)) == NULL
        || (name != NULL && (jname = (*env)->NewStringUTF(env, name)) == NULL))
        return;
    exc = (*env)->NewObject(env, smw_j_parse, smw_j_parse_new, jmsg, (jint)e->code, jname, (jlong)e->offset);
    if (exc != NULL)
        (*env)->Throw(env, (jthrowable)exc);
}
%}

/* Records: an Object from JNI, turned into this package's class on the Java side. */
%typemap(jni) smw_record "jobject"
%typemap(jtype) smw_record "Object"
%typemap(jstype) smw_record "Object"
%typemap(javaout) smw_record { return $jnicall; }
%typemap(out) smw_record {
  $result = smw_java_record(jenv, &$1);
  smw_record_release(&$1);
}
%typemap(jstype) smw_method_record "MethodInfo"
%typemap(javaout) smw_method_record { return MethodInfo.of($jnicall); }
%typemap(jstype) smw_status_record "StatusInfo"
%typemap(javaout) smw_status_record { return StatusInfo.of($jnicall); }
%typemap(jstype) smw_message_record "Message"
%typemap(javaout) smw_message_record { return Message.of($jnicall); }
%typemap(jstype) smw_allow_tuple "Allow"
%typemap(javaout) smw_allow_tuple { return Allow.of($jnicall); }
%typemap(jstype) smw_names_tuple "String[]"
%typemap(javaout) smw_names_tuple { return Records.texts($jnicall); }

/* A text: a String (ASCII). */
%typemap(jni) smw_text "jstring"
%typemap(jtype) smw_text "String"
%typemap(jstype) smw_text "String"
%typemap(javaout) smw_text { return $jnicall; }
%typemap(out) smw_text {
  $result = (*jenv)->NewStringUTF(jenv, $1.s);
}

/* The exception is thrown here and pending when the wrapper returns; the wrapper goes on to
 * release its arguments. */
%typemap(argout) smw_error *err {
  if ($1->code == SMW_ENOMEM)
    SWIG_JavaThrowException(jenv, SWIG_JavaOutOfMemoryError, "out of memory");
  else if ($1->code != 0)
    smw_java_throw(jenv, $1);
}

%pragma(java) jniclasscode=%{
  static {
    String path = System.getProperty("sipmethods.jni");
    if (path != null && !path.isEmpty())
      System.load(path);
    else
      System.loadLibrary("sipmethods_jni");
  }
%}

%pragma(java) moduleclassmodifiers="public final class"
%pragma(java) modulecode=%{
  private sipmethods() {}

  private static byte[] utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** {@link #is_token(byte[])} of the UTF-8 bytes of s. */
  public static boolean is_token(String s) { return is_token(utf8(s)); }
  /** {@link #lookup(byte[])} of the UTF-8 bytes of s. */
  public static int lookup(String s) { return lookup(utf8(s)); }
  /** {@link #lookup_ci(byte[])} of the UTF-8 bytes of s. */
  public static int lookup_ci(String s) { return lookup_ci(utf8(s)); }
  /** {@link #from_letters(byte[])} of the UTF-8 bytes of s. */
  public static int from_letters(String s) { return from_letters(utf8(s)); }
  /** {@link #reject_status(byte[], int)} of the UTF-8 bytes of s. */
  public static int reject_status(String s, int allowed) { return reject_status(utf8(s), allowed); }
  /** {@link #classify(byte[])} of the UTF-8 bytes of s; offsets count those bytes. */
  public static Message classify(String s) { return classify(utf8(s)); }
  /** {@link #allow_parse(byte[])} of the UTF-8 bytes of s; offsets count those bytes. */
  public static Allow allow_parse(String s) { return allow_parse(utf8(s)); }
%}

%include "sipmethods.i"

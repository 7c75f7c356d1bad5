/* SPDX-License-Identifier: MIT */
/*
 * sm_lookup and sm_classify against their baselines (bench/README.md).
 *
 *   bench_c MIX_FILE [ROUNDS]      time: best of ROUNDS interleaved rounds, ns per call
 *   bench_c MIX_FILE --callgrind   one pass of every loop, for valgrind --tool=callgrind:
 *                                  Ir per call = inclusive Ir of loop_<name> / calls printed
 *   bench_c MIX_FILE --dump FILE   writes the message pool to FILE, each message followed by
 *                                  one NUL byte, for the Python and Lua classify benchmarks
 *
 * The tokens and messages are built at run time from MIX_FILE (weights of method tokens) and a
 * seeded PRNG, into heap buffers: the compiler sees no string literal it could fold. Every
 * candidate is an out-of-line function in another translation unit (the library, baselines.c,
 * the gperf output), called directly from its own loop; results go to a volatile sink.
 *
 * Output: one line per candidate, "name<TAB>ns_per_call<TAB>calls_per_pass<TAB>bytes_per_call".
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sipmethods.h"
#include "baselines.h"

/* The inputs are a pool of distinct tokens and messages, kept in cache, and a long random
 * sequence of indices into it: one pass follows the sequence. A sequence far longer than a
 * branch predictor can learn keeps the method of the next call unpredictable, as in traffic. */
#define N_TOKENS 1024   /* the token pool (~7 KB) */
#define N_MSGS 256      /* the message pool (~200 KB, in L2) */
#define SEQ_LOOKUP (1 << 18) /* calls per lookup pass (512 KB of indices, read in order) */
#define SEQ_CLASSIFY (1 << 14) /* calls per classify pass */
#define MAX_MIX 64

typedef struct { const char *s; size_t n; } tok;
typedef struct { const char *s; size_t n; } msg;

static volatile uint64_t sink;
static tok *tokens;
static msg *msgs;
static uint16_t *tok_seq, *known_seq, *msg_seq;
static struct { char name[32]; unsigned w; } mix[MAX_MIX];
static size_t n_mix;
static unsigned total_w;

static uint64_t rng_state = 0x9e3779b97f4a7c15u;
static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 11);
}

static const char *pick_method(void)
{
    unsigned r = rnd() % total_w;
    size_t i;
    for (i = 0; i < n_mix; i++) {
        if (r < mix[i].w)
            return mix[i].name;
        r -= mix[i].w;
    }
    return mix[0].name;
}

static void read_mix(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[128];
    if (f == NULL) {
        perror(path);
        exit(2);
    }
    while (fgets(line, sizeof line, f)) {
        unsigned w;
        char name[32];
        if (line[0] == '#' || sscanf(line, "%u %31s", &w, name) != 2)
            continue;
        if (n_mix == MAX_MIX)
            break;
        mix[n_mix].w = w;
        strcpy(mix[n_mix].name, name);
        total_w += w;
        n_mix++;
    }
    fclose(f);
    if (total_w == 0) {
        fprintf(stderr, "%s: no weights\n", path);
        exit(2);
    }
}

/* The lookup inputs: N_TOKENS tokens drawn from the mix, copied one after another into a heap arena. */
static void make_sequences(void)
{
    size_t i;
    tok_seq = malloc(SEQ_LOOKUP * sizeof *tok_seq);
    known_seq = malloc(SEQ_LOOKUP * sizeof *known_seq);
    msg_seq = malloc(SEQ_CLASSIFY * sizeof *msg_seq);
    for (i = 0; i < SEQ_LOOKUP; i++)
        tok_seq[i] = (uint16_t)(rnd() % N_TOKENS);
    for (i = 0; i < SEQ_LOOKUP; i++) { /* the same mix without the 5% unregistered tokens */
        uint16_t k;
        do
            k = (uint16_t)(rnd() % N_TOKENS);
        while (sm_lookup(tokens[k].s, tokens[k].n) == SM_OTHER);
        known_seq[i] = k;
    }
    for (i = 0; i < SEQ_CLASSIFY; i++)
        msg_seq[i] = (uint16_t)(rnd() % N_MSGS);
}

static void make_tokens(void)
{
    char *arena = malloc(N_TOKENS * 32);
    size_t i, off = 0;
    tokens = malloc(N_TOKENS * sizeof *tokens);
    for (i = 0; i < N_TOKENS; i++) {
        const char *m = pick_method();
        size_t n = strlen(m);
        memcpy(arena + off, m, n);
        tokens[i].s = arena + off;
        tokens[i].n = n;
        off += n;
    }
}

static const char *const AGENTS[] = {"Yealink SIP-T46S 66.86.0.15", "PolycomVVX-VVX_411-UA/6.4.3.5018",
                                     "Grandstream GXP2170 1.0.11.23", "Linphone-Desktop/5.2.4 (belle-sip/5.2.0)",
                                     "Zoiper rv2.10.19.7", "friendly-scanner"};
static const int STATUS[] = {200, 200, 200, 200, 200, 200, 200, 100, 180, 401, 407, 486, 200, 183};
static const char *const REASON[] = {"OK", "OK", "OK", "OK", "OK", "OK", "OK", "Trying", "Ringing",
                                     "Unauthorized", "Proxy Authentication Required", "Busy Here", "OK",
                                     "Session Progress"};

/* One message as a UA or proxy sends it: Via (one or two), Max-Forwards, From, To, Call-ID,
 * then CSeq near the middle, then Contact, User-Agent, Allow, Supported, ..., Content-Length. */
static size_t make_message(char *b, size_t cap)
{
    const char *method = pick_method();
    unsigned a = rnd() % 250 + 1, c = rnd() % 250 + 1, user = rnd() % 9000 + 1000;
    unsigned cseq = rnd() % 5000 + 1;
    int response = rnd() % 100 < 45, two_vias = rnd() % 2, k = (int)(rnd() % 14);
    const char *agent = AGENTS[rnd() % 6];
    size_t n = 0;
#define PUT(...) (n += (size_t)snprintf(b + n, cap - n, __VA_ARGS__))
    if (response)
        PUT("SIP/2.0 %d %s\r\n", STATUS[k], REASON[k]);
    else
        PUT("%s sip:%u@pbx%u.example.com;transport=udp SIP/2.0\r\n", method, user, c);
    if (two_vias)
        PUT("Via: SIP/2.0/UDP 192.0.2.%u:5060;branch=z9hG4bK%08x.%08x.0;received=198.51.100.%u\r\n", c,
            rnd(), rnd(), a);
    PUT("Via: SIP/2.0/UDP 10.1.%u.%u:5060;branch=z9hG4bK%08x%04x;rport=5060;received=203.0.113.%u\r\n", c, a,
        rnd(), rnd() & 0xffff, a);
    if (two_vias)
        PUT("Record-Route: <sip:192.0.2.%u;lr;ftag=%08x>\r\n", c, rnd());
    PUT("Max-Forwards: 70\r\n");
    PUT("From: \"Extension %u\" <sip:%u@pbx%u.example.com>;tag=%08x%04x\r\n", user, user, c, rnd(),
        rnd() & 0xffff);
    PUT("To: <sip:%u@pbx%u.example.com>%s\r\n", user + 1, c, response ? ";tag=as5f3a2b1c" : "");
    PUT("Call-ID: %08x%08x%08x@10.1.%u.%u\r\n", rnd(), rnd(), rnd(), c, a);
    PUT("CSeq: %u %s\r\n", cseq, method);
    PUT("Contact: <sip:%u@10.1.%u.%u:5060;transport=udp>;expires=3600;+sip.instance=\"<urn:uuid:%08x-%04x-"
        "4000-8000-%08x%04x>\"\r\n",
        user, c, a, rnd(), rnd() & 0xffff, rnd(), rnd() & 0xffff);
    PUT("User-Agent: %s\r\n", agent);
    PUT("Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, PRACK, SUBSCRIBE, NOTIFY, REFER, INFO, "
        "MESSAGE, UPDATE\r\n");
    PUT("Supported: replaces, timer, path, gruu, outbound\r\n");
    if (strcmp(method, "REGISTER") == 0)
        PUT("Expires: 3600\r\n");
    if (strcmp(method, "SUBSCRIBE") == 0 || strcmp(method, "NOTIFY") == 0)
        PUT("Event: presence\r\nSubscription-State: active;expires=600\r\n");
    if (strcmp(method, "INVITE") == 0 && !response) {
        const char *sdp = "v=0\r\no=- 3868547321 3868547321 IN IP4 10.1.1.1\r\ns=-\r\nc=IN IP4 10.1.1.1\r\n"
                          "t=0 0\r\nm=audio 16384 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n"
                          "a=sendrecv\r\n";
        PUT("Content-Type: application/sdp\r\nContent-Length: %zu\r\n\r\n%s", strlen(sdp), sdp);
    } else {
        PUT("Content-Length: 0\r\n\r\n");
    }
#undef PUT
    return n;
}

static size_t cseq_bytes, hdr_bytes, msg_bytes, min_msg = SIZE_MAX, max_msg;

static void make_messages(void)
{
    char *arena = malloc(N_MSGS * 2048);
    size_t i, off = 0;
    msgs = malloc(N_MSGS * sizeof *msgs);
    for (i = 0; i < N_MSGS; i++) {
        size_t n = make_message(arena + off, 2048);
        sm_message m;
        const char *cs;
        msgs[i].s = arena + off;
        msgs[i].n = n;
        off += n;
        if (sm_classify(msgs[i].s, n, &m, NULL) != 0 || !m.has_cseq) {
            fprintf(stderr, "generated message %zu does not classify:\n%.*s\n", i, (int)n, msgs[i].s);
            exit(1);
        }
        cs = strstr(msgs[i].s, "\r\nCSeq:");
        cseq_bytes += (size_t)(strstr(cs + 2, "\r\n") + 2 - msgs[i].s);
        hdr_bytes += (size_t)bl_memmem(msgs[i].s, n) + 4;
        msg_bytes += n;
        min_msg = n < min_msg ? n : min_msg;
        max_msg = n > max_msg ? n : max_msg;
    }
}

/* Every candidate gets its own loop with a direct call; reps passes over the inputs: count
 * calls of fn on the pool entries seq names. */
#define CALL_LOOP(name, fn, pool, seq, count)                    \
    __attribute__((noinline)) static void loop_##name(int reps) \
    {                                                            \
        uint64_t acc = 0;                                        \
        int r;                                                   \
        size_t i;                                                \
        for (r = 0; r < reps; r++)                               \
            for (i = 0; i < (count); i++)                        \
                acc += (uint64_t)fn(pool[seq[i]].s, pool[seq[i]].n); \
        sink += acc;                                             \
    }
#define LOOKUP_LOOP(name, fn) CALL_LOOP(name, fn, tokens, tok_seq, SEQ_LOOKUP)
#define LOOKUP_LOOP_SEQ(name, fn, seq) CALL_LOOP(name, fn, tokens, seq, SEQ_LOOKUP)
#define SCAN_LOOP(name, fn) CALL_LOOP(name, fn, msgs, msg_seq, SEQ_CLASSIFY)
LOOKUP_LOOP(noop, bl_noop)
LOOKUP_LOOP(sm_lookup, sm_lookup)
LOOKUP_LOOP(gperf, bl_gperf)
LOOKUP_LOOP(gperf_token, bl_gperf_token)
LOOKUP_LOOP_SEQ(sm_lookup_known, sm_lookup, known_seq)
LOOKUP_LOOP_SEQ(gperf_known, bl_gperf, known_seq)
LOOKUP_LOOP(memcmp_chain, bl_memcmp_chain)
LOOKUP_LOOP(strncmp_chain, bl_strncmp_chain)

__attribute__((noinline)) static void loop_sm_classify(int reps)
{
    uint64_t acc = 0;
    sm_message m;
    int r;
    size_t i;
    for (r = 0; r < reps; r++)
        for (i = 0; i < SEQ_CLASSIFY; i++) {
            const msg *k = &msgs[msg_seq[i]];
            acc += (uint64_t)sm_classify(k->s, k->n, &m, NULL) + m.consumed + m.cseq;
        }
    sink += acc;
}

SCAN_LOOP(memmem, bl_memmem)
SCAN_LOOP(byteloop, bl_byteloop)
SCAN_LOOP(memchr_lines, bl_memchr_lines)
SCAN_LOOP(memchr_absent, bl_memchr_absent)

typedef struct {
    const char *name;
    void (*loop)(int);
    int reps;       /* passes per timed run: ~0.5 ms per run */
    size_t calls;   /* calls per pass */
    double bytes;   /* bytes each call reads (0: not a scan) */
    double best;
} candidate;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Every baseline must agree with the library before it is timed. */
static void check(void)
{
    size_t i;
    for (i = 0; i < N_TOKENS; i++) {
        uint32_t id = sm_lookup(tokens[i].s, tokens[i].n), want = id == SM_OTHER ? 0 : id;
        if (bl_gperf(tokens[i].s, tokens[i].n) != want || bl_gperf_token(tokens[i].s, tokens[i].n) != id || bl_memcmp_chain(tokens[i].s, tokens[i].n) != want ||
            bl_strncmp_chain(tokens[i].s, tokens[i].n) != want) {
            fprintf(stderr, "baselines disagree on %.*s\n", (int)tokens[i].n, tokens[i].s);
            exit(1);
        }
    }
    for (i = 0; i < N_MSGS; i++) {
        long e = bl_memmem(msgs[i].s, msgs[i].n);
        if (e < 0 || bl_byteloop(msgs[i].s, msgs[i].n) != e || bl_memchr_lines(msgs[i].s, msgs[i].n) != e + 2) {
            fprintf(stderr, "scanners disagree on message %zu\n", i);
            exit(1);
        }
    }
}

int main(int argc, char **argv)
{
    int rounds = 30, callgrind = 0, r;
    const char *dump = NULL;
    size_t i, n;
    if (argc < 2) {
        fprintf(stderr, "usage: %s MIX_FILE [ROUNDS | --callgrind]\n", argv[0]);
        return 2;
    }
    if (argc > 2) {
        if (strcmp(argv[2], "--callgrind") == 0)
            callgrind = 1;
        else if (strcmp(argv[2], "--dump") == 0 && argc > 3)
            dump = argv[3];
        else
            rounds = atoi(argv[2]);
    }
    read_mix(argv[1]);
    make_tokens();
    make_messages();
    make_sequences();
    check();
    if (dump) {
        FILE *f = fopen(dump, "wb");
        if (f == NULL) {
            perror(dump);
            return 2;
        }
        for (i = 0; i < N_MSGS; i++) {
            fwrite(msgs[i].s, 1, msgs[i].n, f);
            fputc(0, f);
        }
        return fclose(f) == 0 ? 0 : 2;
    }
    {
        double hb = (double)hdr_bytes / N_MSGS, cb = (double)cseq_bytes / N_MSGS;
        candidate c[] = {
            {"lookup.noop", loop_noop, 1, SEQ_LOOKUP, 0, 0},
            {"lookup.sm_lookup", loop_sm_lookup, 1, SEQ_LOOKUP, 0, 0},
            {"lookup.gperf", loop_gperf, 1, SEQ_LOOKUP, 0, 0},
            {"lookup.gperf_token", loop_gperf_token, 1, SEQ_LOOKUP, 0, 0},
            {"lookup.sm_lookup_known", loop_sm_lookup_known, 1, SEQ_LOOKUP, 0, 0},
            {"lookup.gperf_known", loop_gperf_known, 1, SEQ_LOOKUP, 0, 0},
            {"lookup.memcmp_chain", loop_memcmp_chain, 1, SEQ_LOOKUP, 0, 0},
            {"lookup.strncmp_chain", loop_strncmp_chain, 1, SEQ_LOOKUP, 0, 0},
            {"classify.sm_classify", loop_sm_classify, 1, SEQ_CLASSIFY, cb, 0},
            {"classify.memmem", loop_memmem, 1, SEQ_CLASSIFY, hb, 0},
            {"classify.byteloop", loop_byteloop, 1, SEQ_CLASSIFY, hb, 0},
            {"classify.memchr_lines", loop_memchr_lines, 1, SEQ_CLASSIFY, hb, 0},
            {"classify.memchr_absent", loop_memchr_absent, 1, SEQ_CLASSIFY, hb, 0},
        };
        n = sizeof c / sizeof c[0];
        printf("# lookup: %d calls per pass over %d tokens; classify: %d calls per pass over %d messages "
               "of %zu..%zu bytes (mean %.0f, header block %.0f, start line through CSeq %.0f)\n",
               SEQ_LOOKUP, N_TOKENS, SEQ_CLASSIFY, N_MSGS, min_msg, max_msg, (double)msg_bytes / N_MSGS, hb, cb);
        if (callgrind) {
            for (i = 0; i < n; i++) {
                c[i].loop(1);
                printf("%s\tloop_%s\t%zu\n", c[i].name, c[i].name + strcspn(c[i].name, ".") + 1, c[i].calls);
            }
            return 0;
        }
        for (i = 0; i < n; i++) { /* warm up: caches, branch predictors, frequency */
            c[i].loop(c[i].reps);
            c[i].best = 1e300;
        }
        for (r = 0; r < rounds; r++) {
            for (i = 0; i < n; i++) { /* a different candidate goes first each round */
                candidate *k = &c[(i + (size_t)r) % n];
                double t0 = now(), dt;
                k->loop(k->reps);
                dt = (now() - t0) / ((double)k->reps * (double)k->calls);
                if (dt < k->best)
                    k->best = dt;
            }
        }
        for (i = 0; i < n; i++)
            printf("%s\t%.3f\t%zu\t%.1f\n", c[i].name, c[i].best, c[i].calls, c[i].bytes);
    }
    return 0;
}

/* rpcsrv.exe: an RPC server of the plumetest interface, for plume's RPC
 * confinement tests.
 *
 *   rpcsrv PROTSEQ ENDPOINT TOKEN [SECONDS]
 *
 * PROTSEQ is ncalrpc or ncacn_np. ENDPOINT is fixed (ncacn_np: NAME stands for
 * \pipe\NAME). whoami answers TOKEN, so a test can tell which server answered.
 * Once it listens it prints one line and serves for SECONDS (default 30):
 *   rpcsrv: PROTSEQ ENDPOINT -> listening              then exit 0
 *   rpcsrv: PROTSEQ ENDPOINT -> cannot listen status=N exit 2
 * N is the RPC status of the step that failed (stderr names the step), e.g.
 * 1740 RPC_S_DUPLICATE_ENDPOINT when the endpoint is taken. Bad arguments:
 * usage on stderr, exit 2. */
#include "rpc_common.h"

static const char *server_token = "";

long whoami(handle_t h, long cap, char *answer)
{
    size_t n;
    if (cap <= 0 || !answer)
        return ERROR_INVALID_PARAMETER;
    n = strlen(server_token);
    if (n >= (size_t)cap)
        n = (size_t)cap - 1;
    memcpy(answer, server_token, n);
    answer[n] = 0;
    return 0;
}

static int cannot_listen(const char *protseq, const char *endpoint, const char *step, RPC_STATUS st)
{
    fprintf(stderr, "rpcsrv: %s failed, status=%ld\n", step, (long)st);
    printf("rpcsrv: %s %s -> cannot listen status=%ld\n", protseq, endpoint, (long)st);
    fflush(stdout);
    return 2;
}

/* Wine serves both protseqs with named pipes made without
 * FILE_FLAG_FIRST_PIPE_INSTANCE, so a second server on a taken endpoint just
 * adds pipe instances, "succeeds", and shares the clients with the first.
 * Windows refuses such an endpoint with RPC_S_DUPLICATE_ENDPOINT; this check
 * gives the same answer under Wine: the endpoint is taken when its pipe
 * exists (WaitNamedPipe: an instance free, or all busy). On Windows the
 * ncalrpc endpoint is an ALPC port, the pipe is never there, and RPC itself
 * answers. Two servers starting at the same instant can both pass. */
static int endpoint_pipe_taken(const char *protseq, const char *rpc_endpoint)
{
    char pipe[MAX_PATH];
    if (!plumetest_pipe_name(protseq, rpc_endpoint, pipe, sizeof pipe))
        return 0;
    if (WaitNamedPipeA(pipe, 1))
        return 1;
    return GetLastError() == ERROR_SEM_TIMEOUT;
}

int main(int argc, char **argv)
{
    const char *protseq, *endpoint;
    char rpc_endpoint[MAX_PATH];
    unsigned long seconds = 30;
    RPC_STATUS st;

    if (argc < 4 || argc > 5 || !plumetest_protseq_ok(argv[1]) || !argv[2][0] ||
        strlen(argv[3]) >= PLUMETEST_ANSWER_MAX) {
        fprintf(stderr, "usage: rpcsrv ncalrpc|ncacn_np ENDPOINT TOKEN [SECONDS]\n");
        return 2;
    }
    protseq = argv[1];
    endpoint = argv[2];
    server_token = argv[3];
    if (argc == 5) {
        char *end;
        seconds = strtoul(argv[4], &end, 10);
        if (*end || end == argv[4]) {
            fprintf(stderr, "rpcsrv: bad SECONDS %s\n", argv[4]);
            return 2;
        }
    }
    if (!plumetest_rpc_endpoint(protseq, endpoint, rpc_endpoint, sizeof rpc_endpoint)) {
        fprintf(stderr, "rpcsrv: endpoint too long\n");
        return 2;
    }

    if (endpoint_pipe_taken(protseq, rpc_endpoint))
        return cannot_listen(protseq, endpoint, "endpoint check (its pipe exists)",
                             RPC_S_DUPLICATE_ENDPOINT);

    st = RpcServerUseProtseqEpA((RPC_CSTR)protseq, RPC_C_PROTSEQ_MAX_REQS_DEFAULT,
                                (RPC_CSTR)rpc_endpoint, NULL);
    if (st != RPC_S_OK)
        return cannot_listen(protseq, endpoint, "RpcServerUseProtseqEp", st);

    st = RpcServerRegisterIfEx(plumetest_v1_0_s_ifspec, NULL, NULL, 0,
                               RPC_C_LISTEN_MAX_CALLS_DEFAULT, NULL);
    if (st != RPC_S_OK)
        return cannot_listen(protseq, endpoint, "RpcServerRegisterIfEx", st);

    /* fDontWait: listening goes on in the runtime's threads. */
    st = RpcServerListen(1, RPC_C_LISTEN_MAX_CALLS_DEFAULT, TRUE);
    if (st != RPC_S_OK)
        return cannot_listen(protseq, endpoint, "RpcServerListen", st);

    printf("rpcsrv: %s %s -> listening\n", protseq, endpoint);
    fflush(stdout);

    Sleep(seconds > 86400 ? 86400 * 1000UL : seconds * 1000UL);

    RpcMgmtStopServerListening(NULL);
    return 0;
}

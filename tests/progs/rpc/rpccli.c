/* rpccli.exe: a client of rpcsrv.exe, for plume's RPC confinement tests.
 *
 *   rpccli PROTSEQ ENDPOINT
 *
 * Binds to ENDPOINT on PROTSEQ (ncalrpc or ncacn_np; ncacn_np: NAME stands
 * for \pipe\NAME, on this machine), calls whoami and prints one line:
 *   rpccli: call -> answer=TOKEN          exit 0
 *   rpccli: call -> failed status=N       exit 1
 * N is the RPC status (decimal), e.g. 1722 RPC_S_SERVER_UNAVAILABLE when no
 * server listens, or 1460 ERROR_TIMEOUT when no answer came in 8 seconds.
 * Details go to stderr. Bad arguments: usage on stderr, exit 2.
 *
 * The widl stubs have no comm_status/fault_status, so a failed call raises
 * the status as an exception, and mingw's gcc has no __try to catch it. The
 * unhandled-exception filter turns it into the failure line instead: nothing
 * is left to do after a failed call anyway. */
#include "rpc_common.h"

#define CLIENT_TIMEOUT_MS 8000

static volatile LONG finished;

/* Prints the one result line and ends the process. Whoever comes second
 * (the call, the watchdog, the exception filter) waits for the end. */
static void finish(int ok, const char *answer, unsigned long status)
{
    if (InterlockedExchange(&finished, 1)) {
        Sleep(INFINITE);
    }
    if (ok)
        printf("rpccli: call -> answer=%s\n", answer);
    else
        printf("rpccli: call -> failed status=%lu\n", status);
    fflush(stdout);
    fflush(stderr);
    /* Not ExitProcess: a thread stuck in the runtime may hold its locks. */
    TerminateProcess(GetCurrentProcess(), ok ? 0 : 1);
    ExitProcess(ok ? 0 : 1);
}

static LONG WINAPI on_unhandled(EXCEPTION_POINTERS *ep)
{
    DWORD code = ep->ExceptionRecord->ExceptionCode;
    fprintf(stderr, "rpccli: the call raised exception %lu (0x%08lx)\n",
            (unsigned long)code, (unsigned long)code);
    finish(0, NULL, code);
    return EXCEPTION_EXECUTE_HANDLER;
}

static DWORD WINAPI watchdog(void *unused)
{
    Sleep(CLIENT_TIMEOUT_MS);
    fprintf(stderr, "rpccli: no answer in %d ms\n", CLIENT_TIMEOUT_MS);
    finish(0, NULL, ERROR_TIMEOUT);
    return 0;
}

int main(int argc, char **argv)
{
    const char *protseq, *endpoint;
    char rpc_endpoint[MAX_PATH];
    char answer[PLUMETEST_ANSWER_MAX];
    RPC_CSTR binding_string = NULL;
    RPC_BINDING_HANDLE binding = NULL;
    RPC_STATUS st;
    HANDLE thread;
    long result;

    if (argc != 3 || !plumetest_protseq_ok(argv[1]) || !argv[2][0]) {
        fprintf(stderr, "usage: rpccli ncalrpc|ncacn_np ENDPOINT\n");
        return 2;
    }
    protseq = argv[1];
    endpoint = argv[2];
    if (!plumetest_rpc_endpoint(protseq, endpoint, rpc_endpoint, sizeof rpc_endpoint)) {
        fprintf(stderr, "rpccli: endpoint too long\n");
        return 2;
    }

    SetUnhandledExceptionFilter(on_unhandled);
    thread = CreateThread(NULL, 0, watchdog, NULL, 0, NULL);
    if (thread)
        CloseHandle(thread);

    /* ncalrpc:[NAME] or ncacn_np:[\\pipe\\NAME], no network address. */
    st = RpcStringBindingComposeA(NULL, (RPC_CSTR)protseq, NULL, (RPC_CSTR)rpc_endpoint,
                                  NULL, &binding_string);
    if (st != RPC_S_OK) {
        fprintf(stderr, "rpccli: RpcStringBindingCompose failed, status=%ld\n", (long)st);
        finish(0, NULL, st);
    }
    fprintf(stderr, "rpccli: binding %s\n", (const char *)binding_string);
    st = RpcBindingFromStringBindingA(binding_string, &binding);
    RpcStringFreeA(&binding_string);
    if (st != RPC_S_OK) {
        fprintf(stderr, "rpccli: RpcBindingFromStringBinding failed, status=%ld\n", (long)st);
        finish(0, NULL, st);
    }
    /* Advisory (Wine ignores it); the watchdog is the real bound. */
    RpcMgmtSetComTimeout(binding, RPC_C_BINDING_MIN_TIMEOUT);

    memset(answer, 0, sizeof answer);
    result = whoami(binding, (long)sizeof answer, answer);
    if (result != 0) {
        fprintf(stderr, "rpccli: whoami returned %ld\n", result);
        finish(0, NULL, (unsigned long)result);
    }
    answer[sizeof answer - 1] = 0;
    RpcBindingFree(&binding);
    finish(1, answer, 0);
    return 0;
}

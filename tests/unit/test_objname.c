/* NT object names inside a VM: parsing the BaseNamedObjects namespaces and
 * their links, the rename/pass/deny decision, listings and deny statuses. */
#include "unit.h"
#include "u16.h"

#include "core/objname.h"
#include "core/policy.h"

#include <stdio.h>
#include <string.h>

#define OT_CAP (OBJ_NAME_MAX + 64)

#define ot_u16 unit_u16

#define ot_u8 unit_u8

/* ---- obj_parse ---------------------------------------------------------- */

static void ot_expect_parse(const char *file, int line, const char *path, int rc, enum obj_scope scope,
                            uint32_t session, size_t rest, size_t rest_len)
{
    uint16_t p[OT_CAP];
    size_t n = ot_u16(path, p, OT_CAP);
    struct obj_parsed o;
    int got;

    memset(&o, 0x5a, sizeof(o));
    got = obj_parse(p, n, &o);
    if (!unit_check_int(got, rc, file, line, "obj_parse", "rc") || rc) {
        if (got != rc)
            printf("    path %s\n", path);
        return;
    }
    if (!unit_check_int(o.scope, scope, file, line, "scope", "expected scope") ||
        !unit_check_int(o.session, session, file, line, "session", "expected session") ||
        !unit_check_int((long long)o.rest, (long long)rest, file, line, "rest", "expected rest") ||
        !unit_check_int((long long)o.rest_len, (long long)rest_len, file, line, "rest_len", "expected rest_len"))
        printf("    path %s\n", path);
}

#define EXPECT_PARSE(path, rc, scope, session, rest, rest_len) \
    ot_expect_parse(__FILE__, __LINE__, (path), (rc), (scope), (session), (rest), (rest_len))
#define EXPECT_BAD_PARSE(path) ot_expect_parse(__FILE__, __LINE__, (path), -1, 0, 0, 0, 0)

TEST(objname_parse_directories)
{
    /* \BaseNamedObjects\ is 18 units, \Sessions\1\BaseNamedObjects\ 29,
     * \Sessions\BNOLINKS\2\ 21. */
    EXPECT_PARSE("\\BaseNamedObjects\\X", 0, OBJ_SCOPE_GLOBAL, 0, 18, 1);
    EXPECT_PARSE("\\BaseNamedObjects\\MyMutex", 0, OBJ_SCOPE_GLOBAL, 0, 18, 7);
    EXPECT_PARSE("\\Sessions\\1\\BaseNamedObjects\\X", 0, OBJ_SCOPE_SESSION, 1, 29, 1);
    EXPECT_PARSE("\\Sessions\\42\\BaseNamedObjects\\Name", 0, OBJ_SCOPE_SESSION, 42, 30, 4);
    EXPECT_PARSE("\\Sessions\\007\\BaseNamedObjects\\X", 0, OBJ_SCOPE_SESSION, 7, 31, 1);
    EXPECT_PARSE("\\Sessions\\BNOLINKS\\2\\X", 0, OBJ_SCOPE_SESSION, 2, 21, 1);
    /* Case-insensitive, as the object manager is. */
    EXPECT_PARSE("\\basenamedobjects\\X", 0, OBJ_SCOPE_GLOBAL, 0, 18, 1);
    EXPECT_PARSE("\\SESSIONS\\3\\BASENAMEDOBJECTS\\x", 0, OBJ_SCOPE_SESSION, 3, 29, 1);
    EXPECT_PARSE("\\sessions\\bnolinks\\5\\x", 0, OBJ_SCOPE_SESSION, 5, 21, 1);
    /* The name below may have components of its own. */
    EXPECT_PARSE("\\BaseNamedObjects\\Restricted\\X", 0, OBJ_SCOPE_GLOBAL, 0, 18, 12);
    EXPECT_PARSE("\\BaseNamedObjects\\Foo\\Global\\X", 0, OBJ_SCOPE_GLOBAL, 0, 18, 12);
    /* The directories themselves. */
    EXPECT_PARSE("\\BaseNamedObjects", 0, OBJ_SCOPE_GLOBAL, 0, 17, 0);
    EXPECT_PARSE("\\Sessions\\1\\BaseNamedObjects", 0, OBJ_SCOPE_SESSION, 1, 28, 0);
    EXPECT_PARSE("\\Sessions\\BNOLINKS\\2", 0, OBJ_SCOPE_SESSION, 2, 20, 0);
}

TEST(objname_parse_links)
{
    /* From the global directory. */
    EXPECT_PARSE("\\BaseNamedObjects\\Global\\X", 0, OBJ_SCOPE_GLOBAL, 0, 25, 1);
    EXPECT_PARSE("\\BaseNamedObjects\\Local\\X", 0, OBJ_SCOPE_GLOBAL, 0, 24, 1);
    EXPECT_PARSE("\\BaseNamedObjects\\Session\\3\\X", 0, OBJ_SCOPE_SESSION, 3, 28, 1);
    /* From a session directory. */
    EXPECT_PARSE("\\Sessions\\1\\BaseNamedObjects\\Global\\X", 0, OBJ_SCOPE_GLOBAL, 0, 36, 1);
    EXPECT_PARSE("\\Sessions\\1\\BaseNamedObjects\\Local\\X", 0, OBJ_SCOPE_SESSION, 1, 35, 1);
    EXPECT_PARSE("\\Sessions\\1\\BaseNamedObjects\\Session\\3\\X", 0, OBJ_SCOPE_SESSION, 3, 39, 1);
    EXPECT_PARSE("\\Sessions\\BNOLINKS\\2\\Global\\X", 0, OBJ_SCOPE_GLOBAL, 0, 28, 1);
    /* Chains and mixed case. */
    EXPECT_PARSE("\\Sessions\\1\\BaseNamedObjects\\Session\\3\\Global\\Local\\Session\\4\\X", 0, OBJ_SCOPE_SESSION,
                 4, 62, 1);
    EXPECT_PARSE("\\Sessions\\1\\BaseNamedObjects\\sESSION\\3\\gLoBaL\\X", 0, OBJ_SCOPE_GLOBAL, 0, 46, 1);
    EXPECT_PARSE("\\basenamedobjects\\GLOBAL\\local\\LoCaL\\X", 0, OBJ_SCOPE_GLOBAL, 0, 37, 1);
    EXPECT_PARSE("\\BaseNamedObjects\\Global\\Session\\12\\Local\\Obj", 0, OBJ_SCOPE_SESSION, 12, 42, 3);
    /* A link as the last component is the object's name. */
    EXPECT_PARSE("\\BaseNamedObjects\\Global", 0, OBJ_SCOPE_GLOBAL, 0, 18, 6);
    EXPECT_PARSE("\\Sessions\\1\\BaseNamedObjects\\Local", 0, OBJ_SCOPE_SESSION, 1, 29, 5);
    EXPECT_PARSE("\\BaseNamedObjects\\Session\\3", 0, OBJ_SCOPE_GLOBAL, 0, 18, 9);
    /* Session needs a number of at most nine digits. */
    EXPECT_PARSE("\\BaseNamedObjects\\Session\\x\\Y", 0, OBJ_SCOPE_GLOBAL, 0, 18, 11);
    EXPECT_PARSE("\\BaseNamedObjects\\Session\\1234567890\\Y", 0, OBJ_SCOPE_GLOBAL, 0, 18, 20);
    EXPECT_PARSE("\\BaseNamedObjects\\Session\\123456789\\Y", 0, OBJ_SCOPE_SESSION, 123456789, 36, 1);
    /* Words that only start like a link are names. */
    EXPECT_PARSE("\\BaseNamedObjects\\Globals\\X", 0, OBJ_SCOPE_GLOBAL, 0, 18, 9);
    EXPECT_PARSE("\\BaseNamedObjects\\Sessions\\1\\X", 0, OBJ_SCOPE_GLOBAL, 0, 18, 12);
}

TEST(objname_parse_link_limit)
{
    char path[400];
    int i;

    /* Eight hops are followed... */
    strcpy(path, "\\Sessions\\1\\BaseNamedObjects");
    for (i = 0; i < 7; i++)
        strcat(path, "\\Local");
    strcat(path, "\\Global\\X");
    EXPECT_PARSE(path, 0, OBJ_SCOPE_GLOBAL, 0, strlen(path) - 1, 1);
    /* ...a ninth is refused rather than left in the name, where a policy
     * pattern would see "Local\..." while the kernel follows it. */
    strcpy(path, "\\BaseNamedObjects");
    for (i = 0; i < 9; i++)
        strcat(path, "\\Local");
    strcat(path, "\\X");
    EXPECT_BAD_PARSE(path);
    strcpy(path, "\\Sessions\\1\\BaseNamedObjects");
    for (i = 0; i < 5; i++)
        strcat(path, "\\Session\\1\\Global");
    strcat(path, "\\X");
    EXPECT_BAD_PARSE(path);
    /* Links after the limit only as the object's own name are fine. */
    strcpy(path, "\\BaseNamedObjects");
    for (i = 0; i < 8; i++)
        strcat(path, "\\Local");
    strcat(path, "\\Local");
    EXPECT_PARSE(path, 0, OBJ_SCOPE_GLOBAL, 0, strlen(path) - 5, 5);
}

TEST(objname_parse_other_paths)
{
    EXPECT_PARSE("\\KnownDlls\\x", 0, OBJ_SCOPE_OTHER, 0, 0, 12);
    EXPECT_PARSE("\\Device\\Y", 0, OBJ_SCOPE_OTHER, 0, 0, 9);
    EXPECT_PARSE("\\", 0, OBJ_SCOPE_OTHER, 0, 0, 1);
    EXPECT_PARSE("\\Sessions", 0, OBJ_SCOPE_OTHER, 0, 0, 9);
    EXPECT_PARSE("\\Sessions\\1", 0, OBJ_SCOPE_OTHER, 0, 0, 11);
    EXPECT_PARSE("\\Sessions\\1\\DosDevices\\X", 0, OBJ_SCOPE_OTHER, 0, 0, 24);
    EXPECT_PARSE("\\Sessions\\x\\BaseNamedObjects\\X", 0, OBJ_SCOPE_OTHER, 0, 0, 30);
    EXPECT_PARSE("\\Sessions\\BNOLINKS\\x\\X", 0, OBJ_SCOPE_OTHER, 0, 0, 22);
    EXPECT_PARSE("\\Sessions\\1234567890\\BaseNamedObjects\\X", 0, OBJ_SCOPE_OTHER, 0, 0, 39);
    EXPECT_PARSE("\\BaseNamedObjectsX\\Y", 0, OBJ_SCOPE_OTHER, 0, 0, 20);
    EXPECT_PARSE("\\GLOBAL??\\C:", 0, OBJ_SCOPE_OTHER, 0, 0, 12);
    EXPECT_PARSE("\\Foo\\BaseNamedObjects\\X", 0, OBJ_SCOPE_OTHER, 0, 0, 23);
}

TEST(objname_parse_malformed)
{
    const uint16_t nul_in_name[] = { '\\', 'B', 'a', 's', 'e', 'N', 'a', 'm', 'e', 'd', 'O', 'b', 'j', 'e', 'c',
                                     't', 's', '\\', 'X', 0, 'Y' };
    const uint16_t nul_after_root[] = { '\\', 0 };
    const uint16_t nul_in_other[] = { '\\', 'D', 'e', 'v', 0 };
    const uint16_t x[] = { '\\', 'X' };
    struct obj_parsed o;

    EXPECT_BAD_PARSE("");
    EXPECT_BAD_PARSE("X");
    EXPECT_BAD_PARSE("BaseNamedObjects\\X");
    EXPECT_BAD_PARSE("\\\\X");
    EXPECT_BAD_PARSE("\\\\");
    EXPECT_BAD_PARSE("\\BaseNamedObjects\\\\X");
    EXPECT_BAD_PARSE("\\BaseNamedObjects\\Global\\\\X");
    EXPECT_BAD_PARSE("\\BaseNamedObjects\\");
    EXPECT_BAD_PARSE("\\BaseNamedObjects\\X\\");
    EXPECT_BAD_PARSE("\\KnownDlls\\");
    EXPECT_BAD_PARSE("\\Sessions\\1\\BaseNamedObjects\\");
    EXPECT_BAD_PARSE("\\Sessions\\\\BaseNamedObjects\\X");
    /* A NUL is an ordinary character of a counted name, as to the kernel. */
    CHECK_EQ_INT(obj_parse(nul_in_name, UNIT_COUNT(nul_in_name), &o), 0);
    CHECK_EQ_INT(o.scope, OBJ_SCOPE_GLOBAL);
    CHECK_EQ_U64(o.rest_len, 3); /* X, NUL, Y */
    CHECK_EQ_INT(obj_parse(nul_in_name, 19, &o), 0); /* LEN stops before the NUL */
    CHECK_EQ_U64(o.rest_len, 1);
    CHECK_EQ_INT(obj_parse(nul_after_root, 2, &o), 0);
    CHECK_EQ_INT(o.scope, OBJ_SCOPE_OTHER);
    CHECK_EQ_INT(obj_parse(nul_in_other, 5, &o), 0);
    CHECK_EQ_INT(o.scope, OBJ_SCOPE_OTHER);
    CHECK_EQ_INT(obj_parse(NULL, 0, &o), -1);
    CHECK_EQ_INT(obj_parse(NULL, 3, &o), -1);
    CHECK_EQ_INT(obj_parse(x, 2, NULL), -1);
    CHECK_EQ_INT(obj_parse(x, 0, &o), -1);
}

/* ---- obj_decide --------------------------------------------------------- */

static struct policy ot_policy_store;

/* The defaults, Local\Foo* open, and three closed patterns. */
static const struct policy *ot_policy(void)
{
    struct policy *p = &ot_policy_store;

    policy_init(p);
    policy_add(&p->open, "Local\\Foo*", NULL, 0);
    policy_add(&p->closed, "Local\\FooBad", NULL, 0);
    policy_add(&p->closed, "__wine_evil", NULL, 0);
    policy_add(&p->closed, "\\Device\\Secret*", NULL, 0);
    return p;
}

static struct obj_decision ot_d; /* 4 KiB: kept off the stack */

static void ot_expect(const char *file, int line, const struct obj_context *ctx, const char *path,
                      enum obj_mode mode, enum obj_verdict verdict, enum obj_reason reason, const char *name)
{
    static uint16_t p[OT_CAP];
    static char got[OT_CAP * 4];
    size_t n = ot_u16(path, p, OT_CAP);
    int ok;

    memset(&ot_d, 0x5a, sizeof(ot_d));
    obj_decide(ctx, p, n, mode, &ot_d);
    ok = unit_check_str(obj_verdict_text(ot_d.verdict), obj_verdict_text(verdict), file, line, "verdict",
                        "expected verdict");
    ok &= unit_check_str(obj_reason_text(ot_d.reason), obj_reason_text(reason), file, line, "reason",
                         "expected reason");
    if (name) {
        ot_u8(ot_d.name, ot_d.length <= OBJ_NAME_MAX ? ot_d.length : 0, got, sizeof(got));
        ok &= unit_check_str(got, name, file, line, "decided name", "expected name");
    }
    if (!ok)
        printf("    for %s (vm %s, %s)\n", path, ctx && ctx->vm ? ctx->vm : "-",
               mode == OBJ_MODE_REQUEST ? "request" : "reached");
}

#define EXPECT(ctx, path, mode, verdict, reason, name) \
    ot_expect(__FILE__, __LINE__, (ctx), (path), (mode), (verdict), (reason), (name))
#define RQ OBJ_MODE_REQUEST
#define RC OBJ_MODE_REACHED

TEST(objname_decide_renames)
{
    const struct obj_context web = { "Web", 1, ot_policy() };
    const struct obj_context web_upper = { "WEB", 1, ot_policy() };
    const struct obj_context db = { "db", 1, ot_policy() };

    EXPECT(&web, "\\BaseNamedObjects\\X", RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\BaseNamedObjects\\plume!web!X");
    EXPECT(&web, "\\Sessions\\1\\BaseNamedObjects\\X", RQ, OBJ_PRIVATE, OBJR_RENAMED,
           "\\Sessions\\1\\BaseNamedObjects\\plume!web!X");
    EXPECT(&web, "\\Sessions\\2\\BaseNamedObjects\\X", RQ, OBJ_PRIVATE, OBJR_RENAMED,
           "\\Sessions\\2\\BaseNamedObjects\\plume!web!X");
    EXPECT(&web_upper, "\\BaseNamedObjects\\X", RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\BaseNamedObjects\\plume!web!X");
    /* Links land in their target directory; the spelling is normalized. */
    EXPECT(&web, "\\Sessions\\1\\BaseNamedObjects\\Global\\X", RQ, OBJ_PRIVATE, OBJR_RENAMED,
           "\\BaseNamedObjects\\plume!web!X");
    EXPECT(&web, "\\Sessions\\1\\BaseNamedObjects\\Local\\X", RQ, OBJ_PRIVATE, OBJR_RENAMED,
           "\\Sessions\\1\\BaseNamedObjects\\plume!web!X");
    EXPECT(&web, "\\BaseNamedObjects\\Session\\2\\X", RQ, OBJ_PRIVATE, OBJR_RENAMED,
           "\\Sessions\\2\\BaseNamedObjects\\plume!web!X");
    EXPECT(&web, "\\Sessions\\BNOLINKS\\1\\X", RQ, OBJ_PRIVATE, OBJR_RENAMED,
           "\\Sessions\\1\\BaseNamedObjects\\plume!web!X");
    EXPECT(&web, "\\sessions\\007\\basenamedobjects\\gLoBaL\\local\\X", RQ, OBJ_PRIVATE, OBJR_RENAMED,
           "\\BaseNamedObjects\\plume!web!X");
    /* The object's own name keeps its case and its non-ASCII units. */
    EXPECT(&web, "\\BaseNamedObjects\\MyApp_Mutex", RQ, OBJ_PRIVATE, OBJR_RENAMED,
           "\\BaseNamedObjects\\plume!web!MyApp_Mutex");
    EXPECT(&web, "\\BaseNamedObjects\\\xc3\x91\x61me\xf0\x9f\x98\x80", RQ, OBJ_PRIVATE, OBJR_RENAMED,
           "\\BaseNamedObjects\\plume!web!\xc3\x91\x61me\xf0\x9f\x98\x80");
    EXPECT(&web, "\\BaseNamedObjects\\Restricted\\X", RQ, OBJ_PRIVATE, OBJR_RENAMED,
           "\\BaseNamedObjects\\plume!web!Restricted\\X");
    /* A link as the last component is a name like any other. */
    EXPECT(&web, "\\BaseNamedObjects\\Global", RQ, OBJ_PRIVATE, OBJR_RENAMED,
           "\\BaseNamedObjects\\plume!web!Global");
    /* Names that only look like the tag. */
    EXPECT(&web, "\\BaseNamedObjects\\plume", RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\BaseNamedObjects\\plume!web!plume");
    EXPECT(&web, "\\BaseNamedObjects\\plumeX!web!Y", RQ, OBJ_PRIVATE, OBJR_RENAMED,
           "\\BaseNamedObjects\\plume!web!plumeX!web!Y");
    EXPECT(&web, "\\BaseNamedObjects\\xplume!web!Y", RQ, OBJ_PRIVATE, OBJR_RENAMED,
           "\\BaseNamedObjects\\plume!web!xplume!web!Y");

    /* The same name in two VMs: two objects. */
    EXPECT(&db, "\\BaseNamedObjects\\X", RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\BaseNamedObjects\\plume!db!X");
    EXPECT(&db, "\\Sessions\\1\\BaseNamedObjects\\X", RQ, OBJ_PRIVATE, OBJR_RENAMED,
           "\\Sessions\\1\\BaseNamedObjects\\plume!db!X");
    /* Without a policy everything in BaseNamedObjects is private. */
    {
        const struct obj_context bare = { "Web", 1, NULL };

        EXPECT(&bare, "\\BaseNamedObjects\\__wine_server", RQ, OBJ_PRIVATE, OBJR_RENAMED,
               "\\BaseNamedObjects\\plume!web!__wine_server");
        EXPECT(&bare, "\\KnownDlls\\x", RQ, OBJ_PASS, OBJR_SYSTEM, "\\KnownDlls\\x");
    }
}

TEST(objname_decide_tagged_names)
{
    const struct obj_context web = { "Web", 1, ot_policy() };

    /* The VM's own private names, in any case, stay as they are. */
    EXPECT(&web, "\\BaseNamedObjects\\plume!web!X", RQ, OBJ_PRIVATE, OBJR_OWN, "\\BaseNamedObjects\\plume!web!X");
    EXPECT(&web, "\\BaseNamedObjects\\PLUME!WEB!X", RQ, OBJ_PRIVATE, OBJR_OWN, "\\BaseNamedObjects\\PLUME!WEB!X");
    EXPECT(&web, "\\Sessions\\1\\BaseNamedObjects\\Plume!Web!x", RQ, OBJ_PRIVATE, OBJR_OWN,
           "\\Sessions\\1\\BaseNamedObjects\\Plume!Web!x");
    /* ...but their directory is spelt plainly. */
    EXPECT(&web, "\\Sessions\\1\\BaseNamedObjects\\Global\\plume!web!X", RQ, OBJ_PRIVATE, OBJR_OWN,
           "\\BaseNamedObjects\\plume!web!X");
    EXPECT(&web, "\\Sessions\\BNOLINKS\\1\\plume!web!X", RQ, OBJ_PRIVATE, OBJR_OWN,
           "\\Sessions\\1\\BaseNamedObjects\\plume!web!X");
    /* Even an open name, once tagged, is the VM's own. */
    EXPECT(&web, "\\BaseNamedObjects\\plume!web!__wine_x", RQ, OBJ_PRIVATE, OBJR_OWN,
           "\\BaseNamedObjects\\plume!web!__wine_x");

    /* Another VM's names do not exist. */
    EXPECT(&web, "\\BaseNamedObjects\\plume!other!X", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
    EXPECT(&web, "\\Sessions\\1\\BaseNamedObjects\\PLUME!Other!x", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
    EXPECT(&web, "\\Sessions\\1\\BaseNamedObjects\\Global\\plume!db!X", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
    EXPECT(&web, "\\BaseNamedObjects\\plume!webx!X", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
    EXPECT(&web, "\\BaseNamedObjects\\plume!we!X", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
    EXPECT(&web, "\\BaseNamedObjects\\plume!other!__wine_x", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
    /* The reserved tag alone, or with this VM but no name. */
    EXPECT(&web, "\\BaseNamedObjects\\plume!", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
    EXPECT(&web, "\\BaseNamedObjects\\Plume!", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
    EXPECT(&web, "\\BaseNamedObjects\\plume!!X", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
    EXPECT(&web, "\\BaseNamedObjects\\plume!web!", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
    EXPECT(&web, "\\BaseNamedObjects\\plume!web", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);

    /* Tags below the top of the directory are just characters. */
    EXPECT(&web, "\\BaseNamedObjects\\Dir\\plume!other!X", RQ, OBJ_PRIVATE, OBJR_RENAMED,
           "\\BaseNamedObjects\\plume!web!Dir\\plume!other!X");
    /* Outside BaseNamedObjects the tag means nothing. */
    EXPECT(&web, "\\Device\\plume!other!X", RQ, OBJ_PASS, OBJR_SYSTEM, "\\Device\\plume!other!X");
}

TEST(objname_decide_policy)
{
    const struct obj_context web = { "Web", 1, ot_policy() };

    /* Default opens pass unchanged, in any namespace and spelling. */
    EXPECT(&web, "\\BaseNamedObjects\\__wine_foo", RQ, OBJ_PASS, OBJR_OPEN, "\\BaseNamedObjects\\__wine_foo");
    EXPECT(&web, "\\Sessions\\1\\BaseNamedObjects\\Local\\__WINE_x", RQ, OBJ_PASS, OBJR_OPEN,
           "\\Sessions\\1\\BaseNamedObjects\\Local\\__WINE_x");
    EXPECT(&web, "\\Sessions\\1\\BaseNamedObjects\\DBWinMutex", RQ, OBJ_PASS, OBJR_OPEN,
           "\\Sessions\\1\\BaseNamedObjects\\DBWinMutex");
    /* Local\Foo*: the program's session (1) only. */
    EXPECT(&web, "\\Sessions\\1\\BaseNamedObjects\\FooBar", RQ, OBJ_PASS, OBJR_OPEN,
           "\\Sessions\\1\\BaseNamedObjects\\FooBar");
    EXPECT(&web, "\\BaseNamedObjects\\Session\\1\\FooBar", RQ, OBJ_PASS, OBJR_OPEN,
           "\\BaseNamedObjects\\Session\\1\\FooBar");
    EXPECT(&web, "\\Sessions\\2\\BaseNamedObjects\\FooBar", RQ, OBJ_PRIVATE, OBJR_RENAMED,
           "\\Sessions\\2\\BaseNamedObjects\\plume!web!FooBar");
    EXPECT(&web, "\\BaseNamedObjects\\FooBar", RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\BaseNamedObjects\\plume!web!FooBar");
    {
        const struct obj_context web2 = { "Web", 2, ot_policy() };

        EXPECT(&web2, "\\Sessions\\2\\BaseNamedObjects\\FooBar", RQ, OBJ_PASS, OBJR_OPEN,
               "\\Sessions\\2\\BaseNamedObjects\\FooBar");
        EXPECT(&web2, "\\Sessions\\1\\BaseNamedObjects\\FooBar", RQ, OBJ_PRIVATE, OBJR_RENAMED,
               "\\Sessions\\1\\BaseNamedObjects\\plume!web!FooBar");
    }
    /* Closed wins over open. */
    EXPECT(&web, "\\Sessions\\1\\BaseNamedObjects\\FooBad", RQ, OBJ_DENY, OBJR_CLOSED, NULL);
    EXPECT(&web, "\\Sessions\\1\\BaseNamedObjects\\foobad", RQ, OBJ_DENY, OBJR_CLOSED, NULL);
    EXPECT(&web, "\\BaseNamedObjects\\__wine_evil", RQ, OBJ_DENY, OBJR_CLOSED, NULL);
    EXPECT(&web, "\\Sessions\\3\\BaseNamedObjects\\__wine_EVIL", RQ, OBJ_DENY, OBJR_CLOSED, NULL);
    /* Closed Local\FooBad does not reach other sessions' FooBad. */
    EXPECT(&web, "\\Sessions\\2\\BaseNamedObjects\\FooBad", RQ, OBJ_PRIVATE, OBJR_RENAMED,
           "\\Sessions\\2\\BaseNamedObjects\\plume!web!FooBad");

    /* Outside BaseNamedObjects: the system's, unless closed by NT path. */
    EXPECT(&web, "\\KnownDlls\\x", RQ, OBJ_PASS, OBJR_SYSTEM, "\\KnownDlls\\x");
    EXPECT(&web, "\\Device\\Null", RQ, OBJ_PASS, OBJR_SYSTEM, "\\Device\\Null");
    EXPECT(&web, "\\", RQ, OBJ_PASS, OBJR_SYSTEM, "\\");
    EXPECT(&web, "\\Sessions\\1\\DosDevices", RQ, OBJ_PASS, OBJR_SYSTEM, "\\Sessions\\1\\DosDevices");
    EXPECT(&web, "\\Device\\SecretPipe", RQ, OBJ_DENY, OBJR_CLOSED, NULL);
    EXPECT(&web, "\\device\\secretpipe", RQ, OBJ_DENY, OBJR_CLOSED, NULL);
    EXPECT(&web, "\\Device\\Secre", RQ, OBJ_PASS, OBJR_SYSTEM, "\\Device\\Secre");
    /* Bare patterns do not close system names. */
    EXPECT(&web, "\\__wine_evil", RQ, OBJ_PASS, OBJR_SYSTEM, "\\__wine_evil");

    /* The directories themselves. */
    EXPECT(&web, "\\BaseNamedObjects", RQ, OBJ_PASS, OBJR_DIRECTORY, "\\BaseNamedObjects");
    EXPECT(&web, "\\Sessions\\1\\BaseNamedObjects", RQ, OBJ_PASS, OBJR_DIRECTORY, "\\Sessions\\1\\BaseNamedObjects");
    EXPECT(&web, "\\sessions\\bnolinks\\1", RQ, OBJ_PASS, OBJR_DIRECTORY, "\\sessions\\bnolinks\\1");
    EXPECT(&web, "\\Sessions\\2\\BaseNamedObjects", RC, OBJ_PASS, OBJR_DIRECTORY, "\\Sessions\\2\\BaseNamedObjects");
}

/* A link chain past the limit must not let an open pattern pass a name
 * that the kernel would resolve into another VM's namespace. */
TEST(objname_decide_link_limit)
{
    static struct policy wide;
    const struct obj_context web = { "Web", 1, &wide };
    char path[400];
    int i;

    policy_init(&wide);
    REQUIRE(policy_add(&wide.open, "*App*", NULL, 0) == 0);
    strcpy(path, "\\BaseNamedObjects");
    for (i = 0; i < 8; i++)
        strcat(path, "\\Local");
    strcat(path, "\\plume!other!App");
    EXPECT(&web, path, RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
    strcpy(path, "\\BaseNamedObjects");
    for (i = 0; i < 9; i++)
        strcat(path, "\\Local");
    strcat(path, "\\plume!other!App");
    EXPECT(&web, path, RQ, OBJ_DENY, OBJR_BAD_NAME, NULL);
    EXPECT(&web, path, RC, OBJ_DENY, OBJR_BAD_NAME, NULL);
    strcpy(path, "\\BaseNamedObjects");
    for (i = 0; i < 8; i++)
        strcat(path, "\\Local");
    strcat(path, "\\X");
    EXPECT(&web, path, RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\BaseNamedObjects\\plume!web!X");
    strcat(path, "App");
    EXPECT(&web, path, RQ, OBJ_PASS, OBJR_OPEN, path);
}

TEST(objname_decide_malformed)
{
    const struct obj_context web = { "Web", 1, ot_policy() };
    const uint16_t nul[] = { '\\', 'B', 'a', 's', 'e', 'N', 'a', 'm', 'e', 'd', 'O', 'b', 'j', 'e', 'c',
                             't', 's', '\\', 'X', 0 };
    const uint16_t good[] = { '\\', 'B', 'a', 's', 'e', 'N', 'a', 'm', 'e', 'd', 'O', 'b', 'j', 'e', 'c',
                              't', 's', '\\', 'X' };

    EXPECT(&web, "", RQ, OBJ_DENY, OBJR_BAD_NAME, NULL);
    EXPECT(&web, "X", RQ, OBJ_DENY, OBJR_BAD_NAME, NULL);
    EXPECT(&web, "\\\\X", RQ, OBJ_DENY, OBJR_BAD_NAME, NULL);
    EXPECT(&web, "\\BaseNamedObjects\\", RQ, OBJ_DENY, OBJR_BAD_NAME, NULL);
    EXPECT(&web, "\\BaseNamedObjects\\\\X", RC, OBJ_DENY, OBJR_BAD_NAME, NULL);
    EXPECT(&web, "\\Device\\X\\", RQ, OBJ_DENY, OBJR_BAD_NAME, NULL);
    /* An embedded NUL is renamed like any other character. */
    obj_decide(&web, nul, UNIT_COUNT(nul), RQ, &ot_d);
    CHECK_EQ_INT(ot_d.verdict, OBJ_PRIVATE);
    CHECK_EQ_INT(ot_d.reason, OBJR_RENAMED);
    CHECK_EQ_U64(ot_d.length, 30);
    CHECK_EQ_INT(ot_d.name[29], 0);
    obj_decide(&web, NULL, 0, RQ, &ot_d);
    CHECK_EQ_INT(ot_d.reason, OBJR_BAD_NAME);

    /* A context without a usable VM name decides nothing. */
    {
        const struct obj_context no_vm = { NULL, 1, ot_policy() };
        const struct obj_context bad_vm = { "bad name", 1, ot_policy() };
        const struct obj_context bang_vm = { "a!b", 1, ot_policy() };
        const struct obj_context device_vm = { "con", 1, ot_policy() };
        const struct obj_context empty_vm = { "", 1, ot_policy() };

        EXPECT(&no_vm, "\\BaseNamedObjects\\X", RQ, OBJ_DENY, OBJR_BAD_NAME, NULL);
        EXPECT(&bad_vm, "\\BaseNamedObjects\\X", RQ, OBJ_DENY, OBJR_BAD_NAME, NULL);
        EXPECT(&bang_vm, "\\BaseNamedObjects\\X", RQ, OBJ_DENY, OBJR_BAD_NAME, NULL);
        EXPECT(&device_vm, "\\BaseNamedObjects\\X", RQ, OBJ_DENY, OBJR_BAD_NAME, NULL);
        EXPECT(&empty_vm, "\\KnownDlls\\x", RQ, OBJ_DENY, OBJR_BAD_NAME, NULL);
        obj_decide(NULL, good, UNIT_COUNT(good), RQ, &ot_d);
        CHECK_EQ_INT(ot_d.verdict, OBJ_DENY);
        CHECK_EQ_INT(ot_d.reason, OBJR_BAD_NAME);
    }
}

#define ot_long(path, prefix, fill, len) unit_u16_long(path, OT_CAP, prefix, fill, len)

TEST(objname_decide_lengths)
{
    const struct obj_context web = { "Web", 1, ot_policy() };
    static uint16_t path[OT_CAP], expect[OT_CAP];
    size_t n;

    /* \BaseNamedObjects\ is 18 units and plume!web! 10: an input of
     * OBJ_NAME_MAX - 10 units becomes exactly OBJ_NAME_MAX. */
    n = ot_long(path, "\\BaseNamedObjects\\", 'a', OBJ_NAME_MAX - 10);
    obj_decide(&web, path, n, RQ, &ot_d);
    CHECK_EQ_INT(ot_d.verdict, OBJ_PRIVATE);
    CHECK_EQ_INT(ot_d.reason, OBJR_RENAMED);
    REQUIRE(ot_d.length == OBJ_NAME_MAX);
    ot_long(expect, "\\BaseNamedObjects\\plume!web!", 'a', OBJ_NAME_MAX);
    CHECK_MEM(ot_d.name, expect, OBJ_NAME_MAX * sizeof(uint16_t));

    /* One more does not fit. */
    n = ot_long(path, "\\BaseNamedObjects\\", 'a', OBJ_NAME_MAX - 9);
    obj_decide(&web, path, n, RQ, &ot_d);
    CHECK_EQ_INT(ot_d.verdict, OBJ_DENY);
    CHECK_EQ_INT(ot_d.reason, OBJR_TOO_LONG);
    CHECK_EQ_U64(ot_d.length, 0);
    /* Nor does an input of exactly OBJ_NAME_MAX, in either directory. */
    n = ot_long(path, "\\BaseNamedObjects\\", 'a', OBJ_NAME_MAX);
    obj_decide(&web, path, n, RQ, &ot_d);
    CHECK_EQ_INT(ot_d.verdict, OBJ_DENY);
    CHECK_EQ_INT(ot_d.reason, OBJR_TOO_LONG);
    CHECK_EQ_U64(ot_d.length, 0);
    n = ot_long(path, "\\Sessions\\1\\BaseNamedObjects\\", 'a', OBJ_NAME_MAX);
    obj_decide(&web, path, n, RQ, &ot_d);
    CHECK_EQ_INT(ot_d.reason, OBJR_TOO_LONG);
    /* But that length is fine where nothing is added... */
    n = ot_long(path, "\\BaseNamedObjects\\__wine_", 'a', OBJ_NAME_MAX);
    obj_decide(&web, path, n, RQ, &ot_d);
    CHECK_EQ_INT(ot_d.verdict, OBJ_PASS);
    CHECK_EQ_INT(ot_d.reason, OBJR_OPEN);
    CHECK_EQ_U64(ot_d.length, OBJ_NAME_MAX);
    CHECK_MEM(ot_d.name, path, OBJ_NAME_MAX * sizeof(uint16_t));
    n = ot_long(path, "\\KnownDlls\\", 'k', OBJ_NAME_MAX);
    obj_decide(&web, path, n, RQ, &ot_d);
    CHECK_EQ_INT(ot_d.reason, OBJR_SYSTEM);
    CHECK_EQ_U64(ot_d.length, OBJ_NAME_MAX);
    n = ot_long(path, "\\BaseNamedObjects\\plume!web!", 'a', OBJ_NAME_MAX);
    obj_decide(&web, path, n, RQ, &ot_d);
    CHECK_EQ_INT(ot_d.verdict, OBJ_PRIVATE);
    CHECK_EQ_INT(ot_d.reason, OBJR_OWN);
    CHECK_EQ_U64(ot_d.length, OBJ_NAME_MAX);
    CHECK_MEM(ot_d.name, path, OBJ_NAME_MAX * sizeof(uint16_t));
    /* ...unless spelling the directory plainly makes it longer:
     * \BaseNamedObjects\Session\1\ is 28 units, \Sessions\1\BaseNamedObjects\ 29. */
    n = ot_long(path, "\\BaseNamedObjects\\Session\\1\\plume!web!", 'a', OBJ_NAME_MAX);
    obj_decide(&web, path, n, RQ, &ot_d);
    CHECK_EQ_INT(ot_d.verdict, OBJ_DENY);
    CHECK_EQ_INT(ot_d.reason, OBJR_TOO_LONG);
    n = ot_long(path, "\\BaseNamedObjects\\Session\\1\\plume!web!", 'a', OBJ_NAME_MAX - 1);
    obj_decide(&web, path, n, RQ, &ot_d);
    CHECK_EQ_INT(ot_d.reason, OBJR_OWN);
    CHECK_EQ_U64(ot_d.length, OBJ_NAME_MAX);

    /* Over OBJ_NAME_MAX is too long whatever it is. */
    n = ot_long(path, "\\KnownDlls\\", 'k', OBJ_NAME_MAX + 1);
    obj_decide(&web, path, n, RQ, &ot_d);
    CHECK_EQ_INT(ot_d.verdict, OBJ_DENY);
    CHECK_EQ_INT(ot_d.reason, OBJR_TOO_LONG);
    CHECK_EQ_U64(ot_d.length, 0);
    n = ot_long(path, "\\BaseNamedObjects\\__wine_", 'a', OBJ_NAME_MAX + 1);
    obj_decide(&web, path, n, RC, &ot_d);
    CHECK_EQ_INT(ot_d.reason, OBJR_TOO_LONG);
    n = ot_long(path, "\\\\", '\\', OBJ_NAME_MAX + 50);
    obj_decide(&web, path, n, RQ, &ot_d);
    CHECK_EQ_INT(ot_d.reason, OBJR_TOO_LONG);
}

TEST(objname_decide_reached)
{
    const struct obj_context web = { "Web", 1, ot_policy() };

    EXPECT(&web, "\\BaseNamedObjects\\plume!web!X", RC, OBJ_PRIVATE, OBJR_OWN, "\\BaseNamedObjects\\plume!web!X");
    EXPECT(&web, "\\Sessions\\1\\BaseNamedObjects\\PLUME!WEB!X", RC, OBJ_PRIVATE, OBJR_OWN,
           "\\Sessions\\1\\BaseNamedObjects\\PLUME!WEB!X");
    EXPECT(&web, "\\Sessions\\1\\BaseNamedObjects\\X", RC, OBJ_DENY, OBJR_HOST, NULL);
    EXPECT(&web, "\\BaseNamedObjects\\X", RC, OBJ_DENY, OBJR_HOST, NULL);
    EXPECT(&web, "\\BaseNamedObjects\\__wine_x", RC, OBJ_PASS, OBJR_OPEN, "\\BaseNamedObjects\\__wine_x");
    EXPECT(&web, "\\Sessions\\1\\BaseNamedObjects\\FooBar", RC, OBJ_PASS, OBJR_OPEN,
           "\\Sessions\\1\\BaseNamedObjects\\FooBar");
    EXPECT(&web, "\\Sessions\\1\\BaseNamedObjects\\FooBad", RC, OBJ_DENY, OBJR_CLOSED, NULL);
    EXPECT(&web, "\\BaseNamedObjects\\plume!other!X", RC, OBJ_DENY, OBJR_OTHER_VM, NULL);
    EXPECT(&web, "\\BaseNamedObjects\\plume!", RC, OBJ_DENY, OBJR_OTHER_VM, NULL);
    EXPECT(&web, "\\KnownDlls\\x", RC, OBJ_PASS, OBJR_SYSTEM, "\\KnownDlls\\x");
    EXPECT(&web, "\\Device\\SecretPipe", RC, OBJ_DENY, OBJR_CLOSED, NULL);
    {
        const struct obj_context bare = { "Web", 1, NULL };

        EXPECT(&bare, "\\BaseNamedObjects\\__wine_x", RC, OBJ_DENY, OBJR_HOST, NULL);
        EXPECT(&bare, "\\BaseNamedObjects\\plume!web!__wine_x", RC, OBJ_PRIVATE, OBJR_OWN,
               "\\BaseNamedObjects\\plume!web!__wine_x");
    }
}

/* ---- listings, prefixes, statuses --------------------------------------- */

static size_t opp(const struct obj_context *ctx, const char *name)
{
    uint16_t n[OT_CAP];

    return obj_private_prefix(ctx, n, ot_u16(name, n, OT_CAP));
}

static int ols(const struct obj_context *ctx, enum obj_scope scope, uint32_t session, const char *name)
{
    uint16_t n[OT_CAP];

    return obj_listing_shows(ctx, scope, session, n, ot_u16(name, n, OT_CAP));
}

TEST(objname_private_prefix)
{
    const struct obj_context web = { "Web", 1, NULL };
    const struct obj_context a = { "a", 1, NULL };
    const struct obj_context longer = { "Build-Agent_07", 1, NULL };

    CHECK_EQ_U64(opp(&web, "plume!web!X"), 10);
    CHECK_EQ_U64(opp(&web, "PLUME!WEB!Xyz"), 10);
    CHECK_EQ_U64(opp(&web, "plume!Web!\\"), 10);
    CHECK_EQ_U64(opp(&web, "plume!web!"), 0);
    CHECK_EQ_U64(opp(&web, "plume!web"), 0);
    CHECK_EQ_U64(opp(&web, "plume!other!X"), 0);
    CHECK_EQ_U64(opp(&web, "plume!webx!X"), 0);
    CHECK_EQ_U64(opp(&web, "plume!we!X"), 0);
    CHECK_EQ_U64(opp(&web, "xplume!web!X"), 0);
    CHECK_EQ_U64(opp(&web, "plume?web!X"), 0);
    CHECK_EQ_U64(opp(&web, "plu"), 0);
    CHECK_EQ_U64(opp(&web, ""), 0);
    CHECK_EQ_U64(opp(&a, "plume!a!b"), 8);
    CHECK_EQ_U64(opp(&a, "plume!A!b"), 8);
    CHECK_EQ_U64(opp(&a, "plume!ab!b"), 0);
    CHECK_EQ_U64(opp(&longer, "plume!build-agent_07!mutex"), 21);
    CHECK_EQ_U64(opp(&longer, "plume!build-agent-07!mutex"), 0);
}

TEST(objname_listing_shows)
{
    const struct obj_context web = { "Web", 1, ot_policy() };
    const struct obj_context bare = { "Web", 1, NULL };

    CHECK_EQ_INT(ols(&web, OBJ_SCOPE_GLOBAL, 0, "plume!web!X"), 1);
    CHECK_EQ_INT(ols(&web, OBJ_SCOPE_SESSION, 1, "PLUME!WEB!X"), 1);
    CHECK_EQ_INT(ols(&web, OBJ_SCOPE_GLOBAL, 0, "plume!other!X"), 0);
    CHECK_EQ_INT(ols(&web, OBJ_SCOPE_SESSION, 2, "plume!db!X"), 0);
    CHECK_EQ_INT(ols(&web, OBJ_SCOPE_GLOBAL, 0, "plume!"), 0);
    CHECK_EQ_INT(ols(&web, OBJ_SCOPE_GLOBAL, 0, "plume!web!"), 0);
    /* Host objects only where opened and not closed. */
    CHECK_EQ_INT(ols(&web, OBJ_SCOPE_GLOBAL, 0, "X"), 0);
    CHECK_EQ_INT(ols(&web, OBJ_SCOPE_SESSION, 1, "MyAppMutex"), 0);
    CHECK_EQ_INT(ols(&web, OBJ_SCOPE_GLOBAL, 0, "__wine_x"), 1);
    CHECK_EQ_INT(ols(&web, OBJ_SCOPE_SESSION, 3, "DBWinMutex"), 1);
    CHECK_EQ_INT(ols(&web, OBJ_SCOPE_GLOBAL, 0, "__wine_evil"), 0);
    CHECK_EQ_INT(ols(&web, OBJ_SCOPE_SESSION, 1, "FooBar"), 1);
    CHECK_EQ_INT(ols(&web, OBJ_SCOPE_SESSION, 2, "FooBar"), 0);
    CHECK_EQ_INT(ols(&web, OBJ_SCOPE_GLOBAL, 0, "FooBar"), 0);
    CHECK_EQ_INT(ols(&web, OBJ_SCOPE_SESSION, 1, "FooBad"), 0);
    /* Without a policy, only the VM's own. */
    CHECK_EQ_INT(ols(&bare, OBJ_SCOPE_GLOBAL, 0, "plume!web!X"), 1);
    CHECK_EQ_INT(ols(&bare, OBJ_SCOPE_GLOBAL, 0, "__wine_x"), 0);
    /* Nothing for nothing. */
    CHECK_EQ_INT(ols(&web, OBJ_SCOPE_GLOBAL, 0, ""), 0);
    {
        const uint16_t x[] = { 'x' };

        CHECK_EQ_INT(obj_listing_shows(NULL, OBJ_SCOPE_GLOBAL, 0, x, 1), 0);
    }
    CHECK_EQ_INT(obj_listing_shows(&web, OBJ_SCOPE_GLOBAL, 0, NULL, 1), 0);
}

TEST(objname_deny_status)
{
    CHECK_EQ_U64(obj_deny_status(OBJR_BAD_NAME, 0), 0xC0000033u);
    CHECK_EQ_U64(obj_deny_status(OBJR_BAD_NAME, 1), 0xC0000033u);
    CHECK_EQ_U64(obj_deny_status(OBJR_TOO_LONG, 0), 0xC0000106u);
    CHECK_EQ_U64(obj_deny_status(OBJR_TOO_LONG, 1), 0xC0000106u);
    CHECK_EQ_U64(obj_deny_status(OBJR_CLOSED, 0), 0xC0000022u);
    CHECK_EQ_U64(obj_deny_status(OBJR_CLOSED, 1), 0xC0000022u);
    /* Another VM's or an unopened host object: missing when opened,
     * forbidden when created. */
    CHECK_EQ_U64(obj_deny_status(OBJR_OTHER_VM, 0), 0xC0000034u);
    CHECK_EQ_U64(obj_deny_status(OBJR_OTHER_VM, 1), 0xC0000022u);
    CHECK_EQ_U64(obj_deny_status(OBJR_HOST, 0), 0xC0000034u);
    CHECK_EQ_U64(obj_deny_status(OBJR_HOST, 1), 0xC0000022u);
}

TEST(objname_texts)
{
    static const enum obj_reason reasons[] = {
        OBJR_SYSTEM, OBJR_DIRECTORY, OBJR_OPEN, OBJR_RENAMED, OBJR_OWN,
        OBJR_CLOSED, OBJR_OTHER_VM, OBJR_HOST, OBJR_BAD_NAME, OBJR_TOO_LONG,
    };
    size_t i, j;

    CHECK_STR(obj_reason_text(OBJR_RENAMED), "renamed");
    CHECK_STR(obj_reason_text(OBJR_OTHER_VM), "other-vm");
    CHECK_STR(obj_reason_text(OBJR_TOO_LONG), "too-long");
    CHECK_STR(obj_reason_text((enum obj_reason)99), "?");
    CHECK_STR(obj_verdict_text(OBJ_PASS), "host");
    CHECK_STR(obj_verdict_text(OBJ_PRIVATE), "private");
    CHECK_STR(obj_verdict_text(OBJ_DENY), "deny");
    CHECK_STR(obj_verdict_text((enum obj_verdict)7), "?");
    for (i = 0; i < UNIT_COUNT(reasons); i++) {
        CHECK(strcmp(obj_reason_text(reasons[i]), "?") != 0);
        for (j = 0; j < i; j++)
            CHECK(strcmp(obj_reason_text(reasons[i]), obj_reason_text(reasons[j])) != 0);
    }
}

/* ---- property test ------------------------------------------------------ */

static uint32_t ot_seed;

static uint32_t ot_rand(uint32_t n)
{
    ot_seed ^= ot_seed << 13;
    ot_seed ^= ot_seed >> 17;
    ot_seed ^= ot_seed << 5;
    return ot_seed % n;
}

/* A pseudo-random name: usually a BaseNamedObjects directory spelt some
 * way, then components from a small alphabet of links, tags and words. */
static size_t ot_random_name(uint16_t *out, size_t cap)
{
    static const char *const heads[] = {
        "\\BaseNamedObjects\\", "\\Sessions\\1\\BaseNamedObjects\\", "\\Sessions\\2\\BaseNamedObjects\\",
        "\\sessions\\BNOLINKS\\3\\", "\\BASENAMEDOBJECTS\\", "\\", "", "\\KnownDlls\\", "\\Sessions\\",
        "\\BaseNamedObjects", "\\Sessions\\2\\BaseNamedObjects",
    };
    static const char *const parts[] = {
        "\\", "\\", "\\", "!", "!", "plume", "PLUME", "Plume", "plume!", "plume!web!", "PLUME!Web!", "plume!db!",
        "plume!DB!", "plume!other!", "Global", "global\\", "Local", "LOCAL\\", "Session", "session\\", "1", "2",
        "0", "9", "web", "WEB", "db", "x", "Y", "__wine_", "Foo", "Bad", "FooBad", "__wine_evil", "BaseNamedObjects",
        "Sessions",
    };
    char text[400];
    size_t i, k;

    strcpy(text, heads[ot_rand(UNIT_COUNT(heads))]);
    k = ot_rand(9);
    for (i = 0; i < k; i++)
        strcat(text, parts[ot_rand(UNIT_COUNT(parts))]);
    return ot_u16(text, out, cap);
}

static int ot_equal_nocase(const uint16_t *a, size_t alen, const uint16_t *b, size_t blen)
{
    size_t i;

    if (alen != blen)
        return 0;
    for (i = 0; i < alen; i++) {
        uint16_t x = a[i], y = b[i];

        if (x >= 'A' && x <= 'Z')
            x += 'a' - 'A';
        if (y >= 'A' && y <= 'Z')
            y += 'a' - 'A';
        if (x != y)
            return 0;
    }
    return 1;
}

/* Checks one PRIVATE decision D of CTX (OTHER: the other VM) for PATH. */
static int ot_private_invariants(const struct obj_context *ctx, const struct obj_context *other,
                                 const uint16_t *path, size_t len, const struct obj_decision *d)
{
    static struct obj_decision again;
    struct obj_parsed o, in;
    int ok = 1;

    ok &= CHECK(d->length > 0 && d->length <= OBJ_NAME_MAX);
    /* The output is in a BaseNamedObjects directory, tagged for this VM
     * right below it. */
    ok &= CHECK(obj_parse(d->name, d->length, &o) == 0);
    if (!ok)
        return 0;
    ok &= CHECK(o.scope != OBJ_SCOPE_OTHER && o.rest_len > 0);
    ok &= CHECK(obj_private_prefix(ctx, d->name + o.rest, o.rest_len) > 0);
    ok &= CHECK(obj_private_prefix(other, d->name + o.rest, o.rest_len) == 0);
    /* A renamed name is never the input's (a host object's) name, and was
     * not tagged already. */
    if (d->reason == OBJR_RENAMED) {
        ok &= CHECK(!ot_equal_nocase(d->name, d->length, path, len));
        ok &= CHECK(obj_parse(path, len, &in) == 0 && in.rest_len > 0 &&
                    !obj_private_prefix(ctx, path + in.rest, in.rest_len));
    } else {
        ok &= CHECK(d->reason == OBJR_OWN);
    }
    /* Deciding the output again: the same name, now the VM's own. */
    obj_decide(ctx, d->name, d->length, OBJ_MODE_REQUEST, &again);
    ok &= CHECK(again.verdict == OBJ_PRIVATE && again.reason == OBJR_OWN);
    ok &= CHECK(again.length == d->length && !memcmp(again.name, d->name, d->length * sizeof(uint16_t)));
    obj_decide(ctx, d->name, d->length, OBJ_MODE_REACHED, &again);
    ok &= CHECK(again.verdict == OBJ_PRIVATE && again.reason == OBJR_OWN);
    ok &= CHECK(again.length == d->length && !memcmp(again.name, d->name, d->length * sizeof(uint16_t)));
    /* For the other VM it does not exist. */
    obj_decide(other, d->name, d->length, OBJ_MODE_REQUEST, &again);
    ok &= CHECK(again.verdict == OBJ_DENY && again.reason == OBJR_OTHER_VM);
    obj_decide(other, d->name, d->length, OBJ_MODE_REACHED, &again);
    ok &= CHECK(again.verdict == OBJ_DENY && again.reason == OBJR_OTHER_VM);
    /* Listings agree. */
    ok &= CHECK(obj_listing_shows(ctx, o.scope, o.session, d->name + o.rest, o.rest_len) == 1);
    ok &= CHECK(obj_listing_shows(other, o.scope, o.session, d->name + o.rest, o.rest_len) == 0);
    return ok;
}

TEST(objname_property_two_vms)
{
    const struct policy *policy = ot_policy();
    const struct obj_context web = { "Web", 1, policy };
    const struct obj_context db = { "db", 1, policy };
    static struct obj_decision dw, dd, reached;
    static uint16_t path[OT_CAP];
    static char shown[OT_CAP * 4];
    unsigned i, failures = 0;
    unsigned counts[2][10] = { { 0 } };
    unsigned both_private = 0;

    ot_seed = 0x9e3779b9u;
    for (i = 0; i < 6000 && failures < 5; i++) {
        size_t len = ot_random_name(path, OT_CAP);
        const struct obj_context *ctxs[2] = { &web, &db };
        struct obj_decision *ds[2] = { &dw, &dd };
        int v, ok = 1;

        for (v = 0; v < 2; v++) {
            const struct obj_context *ctx = ctxs[v], *other = ctxs[!v];
            struct obj_decision *d = ds[v];

            obj_decide(ctx, path, len, OBJ_MODE_REQUEST, d);
            counts[v][d->reason]++;
            ok &= CHECK(d->length <= OBJ_NAME_MAX);
            if (d->verdict == OBJ_PRIVATE)
                ok &= ot_private_invariants(ctx, other, path, len, d);
            if (d->verdict == OBJ_PASS)
                ok &= CHECK(d->length == len && !memcmp(d->name, path, len * sizeof(uint16_t)));
            /* The reached object: what REQUEST passes, REACHED passes too;
             * what REQUEST renames is a host object REACHED refuses; what
             * REQUEST denies, REACHED denies for the same reason. */
            obj_decide(ctx, path, len, OBJ_MODE_REACHED, &reached);
            if (d->reason == OBJR_RENAMED) {
                ok &= CHECK(reached.verdict == OBJ_DENY && reached.reason == OBJR_HOST);
            } else {
                ok &= CHECK(reached.verdict == d->verdict && reached.reason == d->reason);
                ok &= CHECK(reached.length == d->length &&
                            !memcmp(reached.name, d->name, d->length * sizeof(uint16_t)));
            }
        }
        /* The two VMs never meet in one private name. */
        if (dw.verdict == OBJ_PRIVATE && dd.verdict == OBJ_PRIVATE) {
            both_private++;
            ok &= CHECK(!ot_equal_nocase(dw.name, dw.length, dd.name, dd.length));
        }
        /* The classification of names without a tag is the same for both. */
        if (dw.reason != OBJR_OWN && dw.reason != OBJR_OTHER_VM && dd.reason != OBJR_OWN &&
            dd.reason != OBJR_OTHER_VM)
            ok &= CHECK(dw.reason == dd.reason);
        if (!ok) {
            failures++;
            printf("    name %s\n", ot_u8(path, len, shown, sizeof(shown)));
        }
    }
    CHECK_EQ_INT(failures, 0);
    /* The generator reached every interesting case, for both VMs. */
    CHECK(both_private > 300);
    CHECK(counts[0][OBJR_RENAMED] > 300 && counts[1][OBJR_RENAMED] > 300);
    CHECK(counts[0][OBJR_OWN] > 30 && counts[1][OBJR_OWN] > 30);
    CHECK(counts[0][OBJR_OTHER_VM] > 30 && counts[1][OBJR_OTHER_VM] > 30);
    CHECK(counts[0][OBJR_OPEN] > 10);
    CHECK(counts[0][OBJR_CLOSED] > 10);
    CHECK(counts[0][OBJR_SYSTEM] > 30);
    CHECK(counts[0][OBJR_DIRECTORY] > 10);
    CHECK(counts[0][OBJR_BAD_NAME] > 100);
    if (failures || both_private <= 300) {
        for (i = 0; i < 10; i++)
            printf("    %-10s web %5u db %5u\n", obj_reason_text((enum obj_reason)i), counts[0][i], counts[1][i]);
    }
}

/* The program's own session is Local\X and also Session\N\X: a pattern
 * written either way applies to it. */
TEST(objname_policy_own_session_both_forms)
{
    static struct policy p;
    const struct obj_context web = { "Web", 1, &p };
    const struct obj_context other_session = { "Web", 2, &p };

    policy_init(&p);
    policy_add(&p.open, "Session\\1\\Shared*", NULL, 0);
    policy_add(&p.closed, "Session\\1\\Blocked", NULL, 0);
    EXPECT(&web, "\\Sessions\\1\\BaseNamedObjects\\SharedX", RQ, OBJ_PASS, OBJR_OPEN, NULL);
    EXPECT(&web, "\\Sessions\\1\\BaseNamedObjects\\Blocked", RQ, OBJ_DENY, OBJR_CLOSED, NULL);
    /* From session 2, session 1's objects are Session\1\X only. */
    EXPECT(&other_session, "\\Sessions\\1\\BaseNamedObjects\\SharedX", RQ, OBJ_PASS, OBJR_OPEN, NULL);
    /* And nothing else changes: session 2's own SharedX stays private. */
    EXPECT(&other_session, "\\Sessions\\2\\BaseNamedObjects\\SharedX", RQ, OBJ_PRIVATE, OBJR_RENAMED,
           "\\Sessions\\2\\BaseNamedObjects\\plume!web!SharedX");
}

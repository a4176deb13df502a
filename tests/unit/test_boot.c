/* The boot block check the DLL runs before trusting what the launcher wrote. */
#include "unit.h"

#include "core/boot.h"

#include <string.h>

#define BT_RVA 0x8000

static void bt_make(struct plume_boot *boot)
{
    memset(boot, 0, sizeof(*boot));
    boot->magic = PLUME_BOOT_MAGIC;
    boot->size = sizeof(*boot);
    boot->version = PLUME_BOOT_VERSION;
    boot->block_rva = BT_RVA;
    strcpy(boot->vm_name, "web-01");
    boot->state_dir[0] = 'C';
    boot->state_dir[1] = ':';
    boot->state_dir[2] = '\\';
}

TEST(boot_valid_block)
{
    struct plume_boot boot;
    size_t i;

    bt_make(&boot);
    CHECK_EQ_INT(boot_is_valid(&boot, BT_RVA), 1);
    /* Status, event and directories are the DLL's business, not validity. */
    boot.status = PLUME_BOOT_READY;
    boot.ready_event = UINT64_MAX;
    boot.orig_import_rva = 0xffffffff;
    CHECK_EQ_INT(boot_is_valid(&boot, BT_RVA), 1);
    /* An empty state folder is still a terminated one. */
    boot.state_dir[0] = 0;
    CHECK_EQ_INT(boot_is_valid(&boot, BT_RVA), 1);
    /* The longest name, and a terminator in the last state_dir unit. */
    bt_make(&boot);
    memset(boot.vm_name, 'n', VM_NAME_MAX);
    for (i = 0; i < PLUME_PATH_MAX - 1; i++)
        boot.state_dir[i] = 'x';
    boot.state_dir[PLUME_PATH_MAX - 1] = 0;
    CHECK_EQ_INT(boot_is_valid(&boot, BT_RVA), 1);
}

TEST(boot_rejects_wrong_identity)
{
    struct plume_boot boot;
    size_t i;

    CHECK_EQ_INT(boot_is_valid(NULL, BT_RVA), 0);

    /* Any one byte of the magic. */
    for (i = 0; i < sizeof(boot.magic); i++) {
        bt_make(&boot);
        ((uint8_t *)&boot.magic)[i] ^= 0x20;
        CHECK_EQ_INT(boot_is_valid(&boot, BT_RVA), 0);
    }
    bt_make(&boot);
    CHECK_EQ_INT(boot_is_valid(&boot, BT_RVA + 1), 0);
    CHECK_EQ_INT(boot_is_valid(&boot, 0), 0);
    bt_make(&boot);
    boot.size = sizeof(boot) - 8;
    CHECK_EQ_INT(boot_is_valid(&boot, BT_RVA), 0);
    bt_make(&boot);
    boot.version = PLUME_BOOT_VERSION + 1;
    CHECK_EQ_INT(boot_is_valid(&boot, BT_RVA), 0);
    bt_make(&boot);
    boot.version = 0;
    CHECK_EQ_INT(boot_is_valid(&boot, BT_RVA), 0);
}

TEST(boot_rejects_bad_names)
{
    static const char *const bad[] = { "", "a b", "con", "NUL", "web.1", "caf\xc3\xa9" };
    struct plume_boot boot;
    size_t i;

    for (i = 0; i < UNIT_COUNT(bad); i++) {
        bt_make(&boot);
        strcpy(boot.vm_name, bad[i]);
        CHECK_EQ_INT(boot_is_valid(&boot, BT_RVA), 0);
    }
    /* 33 characters fit the field but break the rule. */
    bt_make(&boot);
    memset(boot.vm_name, 'n', VM_NAME_MAX + 1);
    CHECK_EQ_INT(boot_is_valid(&boot, BT_RVA), 0);
    /* A name filling the whole field has no terminator. */
    bt_make(&boot);
    memset(boot.vm_name, 'n', sizeof(boot.vm_name));
    CHECK_EQ_INT(boot_is_valid(&boot, BT_RVA), 0);
}

TEST(boot_rejects_unterminated_state_dir)
{
    struct plume_boot boot;
    size_t i;

    bt_make(&boot);
    for (i = 0; i < PLUME_PATH_MAX; i++)
        boot.state_dir[i] = 'x';
    CHECK_EQ_INT(boot_is_valid(&boot, BT_RVA), 0);
}

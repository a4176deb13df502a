#include "boot.h"

#include <string.h>

int boot_is_valid(const struct plume_boot *boot, uint32_t block_rva)
{
    size_t i;

    if (!boot)
        return 0;
    if (boot->magic != PLUME_BOOT_MAGIC || boot->size != sizeof(*boot) ||
        boot->version != PLUME_BOOT_VERSION || boot->block_rva != block_rva)
        return 0;
    if (!memchr(boot->vm_name, 0, sizeof(boot->vm_name)) || vmname_check(boot->vm_name) != VMNAME_OK)
        return 0;
    for (i = 0; i < PLUME_PATH_MAX; i++)
        if (!boot->state_dir[i])
            return 1;
    return 0;
}

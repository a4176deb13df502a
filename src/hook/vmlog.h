/* Diagnostics from inside a VM process: never silent, never fatal. */
#ifndef PLUME_HOOK_VMLOG_H
#define PLUME_HOOK_VMLOG_H

/* Writes "plume: [vm NAME] MESSAGE" to the process's standard error, to the
 * debugger and to the VM's events.log. Bounded: long messages are cut. */
void vmlog_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

/* A running VM is a job object, kept open by the VM's monitor process
 * (plumemon.exe) for as long as the VM has processes. */
#ifndef PLUME_CLI_VMJOB_H
#define PLUME_CLI_VMJOB_H

#include <windows.h>

#define VMJOB_MAX_PROCESSES 4096

/* Opens the job of VM NAME if it runs, else NULL. */
HANDLE vmjob_open(const char *name);

/* With the VM's lock held: opens the running VM's job, or creates it and
 * starts its monitor. Returns the job, or NULL with a sentence in ERR. */
HANDLE vmjob_start(const char *name, char *err, size_t errlen);

/* The job object name of running VM NAME, for display. */
BOOL vmjob_name(const char *name, WCHAR *out, size_t cap);

/* The ids of the processes in JOB. Returns the count (at most CAP), or -1. */
int vmjob_pids(HANDLE job, DWORD *pids, int cap);

/* Ends every process in JOB and waits up to TIMEOUT_MS for them to go.
 * Returns how many there were, or -1 if they did not all end. */
int vmjob_stop(HANDLE job, DWORD timeout_ms);

#endif

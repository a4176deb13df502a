/* gen_coverage: the README's coverage table, generated from PLUME_HOOKS.
 *
 *   gen_coverage                   print the table as Markdown
 *   gen_coverage --check README.md exit 0 if README.md holds the table
 *   gen_coverage --defaults        print the built-in policy as Markdown
 *
 * The check looks between the lines "<!-- coverage:begin -->" and
 * "<!-- coverage:end -->". It fails when a generated line is not there
 * verbatim (reported as missing, or as different when the README has a row
 * for the same call), and also when the block holds a table row that is not
 * generated: a hook removed from the table must not stay advertised. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hook_list.h"
#include "core/policy.h"

#define GC_BEGIN     "<!-- coverage:begin -->"
#define GC_END       "<!-- coverage:end -->"
#define GC_FILE_MAX  (4u << 20) /* a README larger than this is not ours */
#define GC_HEADER    "| call | module | family | principle | tested under | what plume does | test |"
#define GC_SEPARATOR "|---|---|---|---|---|---|---|"

struct gc_row {
    const char *module, *function, *family, *principle, *where, *what, *test;
};

#define GC_ROW(module, function, family, principle, where, what, test) \
    { #module, #function, #family, #principle, #where, what, test },

static const struct gc_row gc_rows[] = { PLUME_HOOKS(GC_ROW) };
#define GC_ROW_COUNT (sizeof(gc_rows) / sizeof(gc_rows[0]))

struct gc_text {
    char *data;
    size_t len, cap;
};

static void gc_put(struct gc_text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 128;
        char *grown;

        while (t->len + n + 1 > cap)
            cap *= 2;
        grown = realloc(t->data, cap);
        if (!grown) {
            fprintf(stderr, "gen_coverage: out of memory\n");
            exit(2);
        }
        t->data = grown;
        t->cap = cap;
    }
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len] = 0;
}

static void gc_puts(struct gc_text *t, const char *s)
{
    gc_put(t, s, strlen(s));
}

/* One table cell: a '|' inside the text would end the cell early, so it is
 * escaped as Markdown wants; CODE puts the text in backticks. */
static void gc_cell(struct gc_text *t, const char *s, int code)
{
    gc_puts(t, " ");
    if (code)
        gc_puts(t, "`");
    for (; *s; s++) {
        if (*s == '|')
            gc_puts(t, "\\|");
        else if (*s == '\n' || *s == '\r')
            gc_puts(t, " ");
        else
            gc_put(t, s, 1);
    }
    if (code)
        gc_puts(t, "`");
    gc_puts(t, " |");
}

/* The start of ROW's line, up to and including its call cell: how a
 * different version of the same row is recognised in the README. */
static char *gc_row_key(const struct gc_row *row)
{
    struct gc_text t = { 0 };

    gc_puts(&t, "|");
    gc_cell(&t, row->function, 1);
    return t.data;
}

static char *gc_row_line(const struct gc_row *row)
{
    struct gc_text t = { 0 };

    gc_puts(&t, "|");
    gc_cell(&t, row->function, 1);
    gc_cell(&t, row->module, 0);
    gc_cell(&t, row->family, 0);
    gc_cell(&t, row->principle, 0);
    gc_cell(&t, !strcmp(row->where, "all") ? "Wine" : "Windows only (not in Wine 8)", 0);
    gc_cell(&t, row->what, 0);
    gc_cell(&t, row->test, 1);
    return t.data;
}

/* The generated lines, header first; the caller frees each and the array. */
static char **gc_lines(size_t *count)
{
    char **lines = calloc(GC_ROW_COUNT + 2, sizeof(*lines));
    size_t i;

    if (!lines) {
        fprintf(stderr, "gen_coverage: out of memory\n");
        exit(2);
    }
    lines[0] = strdup(GC_HEADER);
    lines[1] = strdup(GC_SEPARATOR);
    for (i = 0; i < GC_ROW_COUNT; i++)
        lines[i + 2] = gc_row_line(&gc_rows[i]);
    for (i = 0; i < GC_ROW_COUNT + 2; i++) {
        if (!lines[i]) {
            fprintf(stderr, "gen_coverage: out of memory\n");
            exit(2);
        }
    }
    *count = GC_ROW_COUNT + 2;
    return lines;
}

static char *gc_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data;
    size_t n;

    if (!f) {
        perror(path);
        return NULL;
    }
    data = malloc(GC_FILE_MAX + 1);
    if (!data) {
        fclose(f);
        fprintf(stderr, "gen_coverage: out of memory\n");
        return NULL;
    }
    n = fread(data, 1, GC_FILE_MAX + 1, f);
    if (ferror(f) || n > GC_FILE_MAX) {
        fprintf(stderr, "gen_coverage: %s: %s\n", path, ferror(f) ? "read error" : "file too large");
        fclose(f);
        free(data);
        return NULL;
    }
    fclose(f);
    data[n] = 0;
    *len = n;
    return data;
}

/* Splits TEXT in place into lines without their CR/LF. Returns the count. */
static size_t gc_split(char *text, size_t len, char ***out)
{
    size_t count = 0, cap = 0, i;
    char **lines = NULL;
    char *start = text;

    for (i = 0; i <= len; i++) {
        if (i < len && text[i] != '\n')
            continue;
        text[i] = 0;
        if (text + i > start && text[i - 1] == '\r')
            text[i - 1] = 0;
        if (i == len && text + i == start)
            break; /* no empty line after a final line break */
        if (count == cap) {
            char **grown;

            cap = cap ? cap * 2 : 64;
            grown = realloc(lines, cap * sizeof(*lines));
            if (!grown) {
                fprintf(stderr, "gen_coverage: out of memory\n");
                exit(2);
            }
            lines = grown;
        }
        lines[count++] = start;
        start = text + i + 1;
    }
    *out = lines;
    return count;
}

static int gc_check(const char *path)
{
    char **generated, **lines = NULL;
    size_t ngen, nlines, len, i, j, begin = 0, end = 0;
    int found_begin = 0, found_end = 0, problems = 0;
    unsigned char *used;
    char *text = gc_read_file(path, &len);

    if (!text)
        return 1;
    if (memchr(text, 0, len)) {
        fprintf(stderr, "gen_coverage: %s: holds a NUL byte\n", path);
        free(text);
        return 1;
    }
    generated = gc_lines(&ngen);
    nlines = gc_split(text, len, &lines);
    for (i = 0; i < nlines; i++) {
        if (!found_begin && !strcmp(lines[i], GC_BEGIN)) {
            found_begin = 1;
            begin = i + 1;
        } else if (found_begin && !strcmp(lines[i], GC_END)) {
            found_end = 1;
            end = i;
            break;
        }
    }
    if (!found_begin || !found_end) {
        fprintf(stderr, "gen_coverage: %s: no '%s' line followed by a '%s' line\n", path, GC_BEGIN, GC_END);
        problems++;
        goto done;
    }

    /* Which README lines a generated line accounts for. */
    used = calloc(end - begin + 1, 1);
    if (!used) {
        fprintf(stderr, "gen_coverage: out of memory\n");
        exit(2);
    }
    for (j = 0; j < ngen; j++) {
        int matched = 0;

        for (i = begin; i < end; i++) {
            if (!used[i - begin] && !strcmp(lines[i], generated[j])) {
                used[i - begin] = 1;
                matched = 1;
                break;
            }
        }
        if (matched)
            continue;
        problems++;
        if (j >= 2) {
            char *key = gc_row_key(&gc_rows[j - 2]);

            for (i = begin; i < end; i++) {
                if (!used[i - begin] && !strncmp(lines[i], key, strlen(key))) {
                    used[i - begin] = 1;
                    fprintf(stderr, "%s:%zu: row differs from the hook table\n  README:    %s\n  generated: %s\n",
                            path, i + 1, lines[i], generated[j]);
                    matched = 1;
                    break;
                }
            }
            free(key);
        }
        if (!matched)
            fprintf(stderr, "%s: missing between the coverage markers:\n  %s\n", path, generated[j]);
    }
    for (i = begin; i < end; i++) {
        if (!used[i - begin] && lines[i][0] == '|') {
            fprintf(stderr, "%s:%zu: table row not in the hook table:\n  %s\n", path, i + 1, lines[i]);
            problems++;
        }
    }
    free(used);

done:
    if (problems)
        fprintf(stderr, "gen_coverage: %s is out of date; regenerate the table with gen_coverage\n", path);
    for (i = 0; i < ngen; i++)
        free(generated[i]);
    free(generated);
    free(lines);
    free(text);
    return problems ? 1 : 0;
}

/* The built-in open policies, each entry with the reason it is there. */
static void gc_defaults_of(const char *section, const struct policy_default *defaults, size_t count)
{
    size_t i;

    for (i = 0; i < count; i++) {
        struct gc_text t = { 0 };

        gc_puts(&t, "|");
        gc_cell(&t, section, 0);
        gc_cell(&t, defaults[i].pattern, 1);
        gc_cell(&t, defaults[i].why, 0);
        puts(t.data);
        free(t.data);
    }
}

static int gc_defaults(void)
{
    puts("| section | pattern | why it reaches the host |");
    puts("|---|---|---|");
    gc_defaults_of("[objects]", policy_default_open, policy_default_open_count);
    gc_defaults_of("[pipes]", policy_default_pipes, policy_default_pipes_count);
    gc_defaults_of("[mailslots]", policy_default_mailslots, policy_default_mailslots_count);
    gc_defaults_of("[ports]", policy_default_ports, policy_default_ports_count);
    return fflush(stdout) ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && !strcmp(argv[1], "--defaults"))
        return gc_defaults();
    if (argc == 1) {
        char **lines;
        size_t n, i;

        lines = gc_lines(&n);
        for (i = 0; i < n; i++) {
            puts(lines[i]);
            free(lines[i]);
        }
        free(lines);
        return fflush(stdout) ? 1 : 0;
    }
    if (argc == 3 && !strcmp(argv[1], "--check"))
        return gc_check(argv[2]);
    fprintf(stderr, "usage: gen_coverage [--check README.md | --defaults]\n");
    return 2;
}

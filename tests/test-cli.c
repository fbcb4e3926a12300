/* test-cli.c — the command line: --version and --validate, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "atlas-model.h"

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

/* Runs event-atlas with @argv, with no display in its environment. */
static void
run_app (const char * const *args,
         Run                *run)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) EVENT_ATLAS_BIN);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

static char *
bundled_path (void)
{
  return g_build_filename (TEST_DATADIR, "aleppo-2016-12-05.json", NULL);
}

static void
test_version (void)
{
  Run run = { 0 };

  run_app ((const char *[]) { "--version", NULL }, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "event-atlas " PACKAGE_VERSION "\n");
  run_clear (&run);
}

static void
test_validate_bundled (void)
{
  g_autofree char *path = bundled_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  Run run = { 0 };

  dataset = atlas_dataset_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("%s: OK (%u events, %u actors, %u locations)\n", path,
                              g_list_model_get_n_items (atlas_dataset_get_events (dataset)),
                              g_list_model_get_n_items (atlas_dataset_get_actors (dataset)),
                              g_list_model_get_n_items (atlas_dataset_get_locations (dataset)));

  run_app ((const char *[]) { "--validate", path, NULL }, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);
}

static char *
write_temp (const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atlas-cli-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

/* counts of one read as one: "1 event, 1 actor, 1 location" */
static void
test_validate_singular (void)
{
  g_autofree char *one = write_temp ("one.json",
    "{ \"format\": \"event-atlas\", \"version\": 1,\n"
    "  \"actors\": [ { \"id\": \"a\", \"name\": \"A\" } ],\n"
    "  \"locations\": [ { \"id\": \"l\", \"name\": \"L\", \"lat\": 36, \"lon\": 37 } ],\n"
    "  \"events\": [ { \"id\": \"e\", \"title\": \"E\", \"start\": \"2016-12-05\",\n"
    "                  \"places\": [ { \"location\": \"l\" } ],\n"
    "                  \"participants\": [ { \"actor\": \"a\" } ] } ] }\n");
  g_autofree char *expected = g_strconcat (one, ": OK (1 event, 1 actor, 1 location)\n", NULL);
  Run run = { 0 };

  run_app ((const char *[]) { "--validate", one, NULL }, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);
}

static void
test_validate_reports_every_problem (void)
{
  g_autofree char *bad = write_temp ("bad.json",
    "{ \"format\": \"event-atlas\", \"version\": 1,\n"
    "  \"actors\": [ { \"id\": \"a\", \"name\": \"A\", \"affiliation\": \"nobody\" } ],\n"
    "  \"locations\": [ { \"id\": \"l\", \"name\": \"L\", \"lat\": 95, \"lon\": 10 } ],\n"
    "  \"events\": [ { \"id\": \"e\", \"title\": \"E\", \"start\": \"2016-02-30\",\n"
    "                  \"places\": [ { \"location\": \"nowhere\" } ] } ] }\n");
  g_autofree char *good = bundled_path ();
  g_auto(GStrv) lines = NULL;
  Run run = { 0 };

  run_app ((const char *[]) { "--validate", bad, good, NULL }, &run);
  g_assert_cmpint (run.status, ==, 1);

  /* the good file is still reported as good */
  g_assert_true (g_str_has_prefix (run.out, good));
  g_assert_nonnull (strstr (run.out, ": OK ("));

  /* one line per problem, each naming the file and where */
  lines = g_strsplit (g_strchomp (run.err), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_true (g_str_has_prefix (lines[i], bad));
  g_assert_nonnull (strstr (run.err, "actors[0].affiliation"));
  g_assert_nonnull (strstr (run.err, "locations[0].lat"));
  g_assert_nonnull (strstr (run.err, "events[0].start"));
  g_assert_nonnull (strstr (run.err, "events[0].places[0].location"));
  run_clear (&run);
  remove_temp (bad);
}

static void
test_validate_syntax_error (void)
{
  g_autofree char *bad = write_temp ("truncated.json",
                                     "{ \"format\": \"event-atlas\",\n  \"version\": 1,\n  \"events\": [");
  g_autofree char *prefix = g_strconcat (bad, ":3:", NULL);
  Run run = { 0 };

  run_app ((const char *[]) { "--validate", bad, NULL }, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, prefix));
  run_clear (&run);
  remove_temp (bad);
}

static void
test_validate_missing_file (void)
{
  Run run = { 0 };

  run_app ((const char *[]) { "--validate", "/nonexistent/dataset.json", NULL }, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "/nonexistent/dataset.json: "));
  run_clear (&run);
}

/* Problems name the file as the user typed it, like the OK line does. */
static void
test_validate_relative_path (void)
{
  g_autofree char *bad = write_temp ("relative.json", "{ \"format\": \"event-atlas\", \"version\": 3 }");
  g_autofree char *dir = g_path_get_dirname (bad);
  g_autofree char *cwd = g_get_current_dir ();
  Run run = { 0 };

  g_assert_cmpint (g_chdir (dir), ==, 0);
  run_app ((const char *[]) { "--validate", "relative.json", NULL }, &run);
  g_assert_cmpint (g_chdir (cwd), ==, 0);

  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "relative.json: "));
  g_assert_nonnull (strstr (run.err, "version 3"));
  run_clear (&run);
  remove_temp (bad);
}

/* The bundled dataset cites every sentence of its article, or says why not. */
static void
test_validate_coverage (void)
{
  g_autofree char *path = bundled_path ();
  g_auto(GStrv) lines = NULL;
  Run run = { 0 };

  run_app ((const char *[]) { "--validate", "--coverage", path, NULL }, &run);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (g_strchomp (run.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_true (g_str_has_prefix (lines[0], path));
  g_assert_true (g_str_has_suffix (lines[1],
                                   ": source national-2016-12-05: 100.0% of 31 sentences covered "
                                   "(29 cited by events, 2 left uncited on purpose)"));
  run_clear (&run);
}

/* A passage marked uncited must be in the text. */
static void
test_validate_uncited_not_in_text (void)
{
  g_autofree char *bad = write_temp ("uncited.json",
    "{ \"format\": \"event-atlas\", \"version\": 1, \"actors\": [], \"locations\": [],\n"
    "  \"events\": [],\n"
    "  \"sources\": [ { \"id\": \"s\", \"text\": \"One. Two.\",\n"
    "                 \"uncited\": [ { \"text\": \"Three.\", \"reason\": \"caption\" },\n"
    "                              { \"text\": \"Two.\" } ] } ] }\n");
  Run run = { 0 };

  run_app ((const char *[]) { "--validate", bad, NULL }, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, ": sources[0].uncited[0].text: “Three.” is not in the text of the source\n"));
  g_assert_nonnull (strstr (run.err, ": sources[0].uncited[1]"));
  g_assert_nonnull (strstr (run.err, "reason"));
  run_clear (&run);
  remove_temp (bad);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/validate/bundled", test_validate_bundled);
  g_test_add_func ("/cli/validate/singular", test_validate_singular);
  g_test_add_func ("/cli/validate/every-problem", test_validate_reports_every_problem);
  g_test_add_func ("/cli/validate/syntax-error", test_validate_syntax_error);
  g_test_add_func ("/cli/validate/missing-file", test_validate_missing_file);
  g_test_add_func ("/cli/validate/relative-path", test_validate_relative_path);
  g_test_add_func ("/cli/validate/coverage", test_validate_coverage);
  g_test_add_func ("/cli/validate/uncited-not-in-text", test_validate_uncited_not_in_text);

  return g_test_run ();
}

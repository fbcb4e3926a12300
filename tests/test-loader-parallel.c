/* test-loader-parallel.c — the events of a big file read in slices on parallel threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loader cuts the events array of a big event-atlas file into slices read on
 * parallel threads (ATLAS_LOAD_THREADS sets how many, whatever the size; 1 reads them
 * in one piece).  These tests check that the slices give exactly the model the one
 * piece gives, and that a flaw in a later slice (a problem, an id in two slices, a
 * syntax error) gives exactly the messages of the one piece.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "atlas-export.h"
#include "atlas-loader.h"
#include "atlas-model.h"

typedef struct
{
  GArray       *fractions;
  GCancellable *cancel_at_first;
} Progress;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_array_append_val (progress->fractions, fraction);
  if (progress->cancel_at_first != NULL)
    g_cancellable_cancel (progress->cancel_at_first);
}

/* Loads @path with @n_threads slices; the dataset as indented JSON, or NULL and @error */
static char *
load_as_json (const char    *path,
              guint          n_threads,
              Progress      *progress,
              GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *threads = g_strdup_printf ("%u", n_threads);
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_setenv ("ATLAS_LOAD_THREADS", threads, TRUE);
  if (progress != NULL)
    dataset = atlas_loader_load_file_with_progress (file, progress_cb, progress,
                                                    progress->cancel_at_first, error);
  else
    dataset = atlas_loader_load_file (file, NULL, error);
  g_unsetenv ("ATLAS_LOAD_THREADS");
  if (dataset == NULL)
    return NULL;

  node = atlas_dataset_to_json (dataset);
  return json_to_string (node, TRUE);
}

static char *
write_temp (const char *contents,
            gsize       length)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("atlas-parallel-XXXXXX.json", &path, &error);

  g_assert_no_error (error);
  g_close (fd, NULL);
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_generated (void)
{
  g_autofree char *path = NULL;
  g_autofree char *sequential = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  int fd = g_file_open_tmp ("atlas-parallel-XXXXXX.json", &path, &error);
  const char *argv[] = { GEN_DATASET_BIN, "3000", NULL, NULL };
  int status;

  g_assert_no_error (error);
  g_close (fd, NULL);
  argv[2] = path;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  sequential = load_as_json (path, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (sequential, "\"events\""));

  for (guint n = 2; n <= 8; n++)
    {
      g_autofree char *parallel = load_as_json (path, n, NULL, &error);

      g_assert_no_error (error);
      /* every member of every event, in the same order */
      g_assert_cmpstr (parallel, ==, sequential);
    }
  g_unlink (path);
}

/* 20,000 events, each on a line of its own; @edit (may be NULL) rewrites it */
static char *
write_events (guint        n_events,
              void       (*edit) (GString *json))
{
  GString *json = g_string_new ("{\"format\": \"event-atlas\", \"version\": 1,\n"
                                "\"actors\": [{\"id\": \"a1\", \"name\": \"Actor\"}],\n"
                                "\"locations\": [], \"events\": [\n");
  char *path;

  for (guint i = 0; i < n_events; i++)
    g_string_append_printf (json, "{\"id\": \"e%u\", \"title\": \"Event %u\", "
                            "\"start\": \"2016-12-%02u\"}%s\n", i, i, 1 + i % 28,
                            i + 1 < n_events ? "," : "");
  g_string_append (json, "]}\n");
  if (edit != NULL)
    edit (json);

  path = write_temp (json->str, json->len);
  g_string_free (json, TRUE);
  return path;
}

static void
replace_once (GString    *json,
              const char *find,
              const char *replace)
{
  g_assert_cmpuint (g_string_replace (json, find, replace, 1), ==, 1);
}

static void
duplicate_across_slices (GString *json)
{
  replace_once (json, "{\"id\": \"e17000\"", "{\"id\": \"e12\"");
}

static void
bad_date_in_second_slice (GString *json)
{
  replace_once (json, "\"title\": \"Event 15000\", \"start\": \"2016-12-",
                "\"title\": \"Event 15000\", \"start\": \"2016-13-");
}

static void
problems_in_both_slices (GString *json)
{
  replace_once (json, "\"title\": \"Event 16000\"", "\"title\": 16000");
  replace_once (json, "\"title\": \"Event 3\",", "\"title\": \"Event 3\", "
                "\"participants\": [{\"actor\": \"nobody\"}],");
  replace_once (json, "\"title\": \"Event 19999\",", "\"title\": \"Event 19999\", "
                "\"participants\": [{\"actor\": \"a1\", \"role\": \"bystander\"}],");
}

static void
syntax_error_in_second_slice (GString *json)
{
  replace_once (json, "{\"id\": \"e18000\", \"title\"", "{\"id\": \"e18000\" \"title\"");
}

typedef struct
{
  const char *name;
  void      (*edit) (GString *json);
} Flaw;

static const Flaw flaws[] = {
  { "duplicate-across-slices", duplicate_across_slices },
  { "bad-date-in-second-slice", bad_date_in_second_slice },
  { "problems-in-both-slices", problems_in_both_slices },
  { "syntax-error-in-second-slice", syntax_error_in_second_slice },
};

static void
test_flaw_in_second_slice (gconstpointer data)
{
  const Flaw *flaw = data;
  g_autofree char *path = write_events (20000, flaw->edit);
  g_autoptr(GError) sequential_error = NULL;
  g_autofree char *sequential = load_as_json (path, 1, NULL, &sequential_error);

  g_assert_null (sequential);
  g_assert_nonnull (sequential_error);

  for (guint n = 2; n <= 4; n++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *parallel = load_as_json (path, n, NULL, &error);

      g_assert_null (parallel);
      g_assert_error (error, sequential_error->domain, sequential_error->code);
      g_assert_cmpstr (error->message, ==, sequential_error->message);
    }
  g_unlink (path);
}

/* json-glib refuses a comma before the closing bracket: a slice cut there is empty,
 * and the whole array is read in one piece to say so */
static void
test_trailing_comma (void)
{
  GString *json = g_string_new ("{\"format\": \"event-atlas\", \"version\": 1,\n"
                                "\"actors\": [], \"locations\": [], \"events\": [\n"
                                "{\"id\": \"e0\", \"start\": \"2016-12-01\", \"title\": \"");
  g_autofree char *path = NULL;
  g_autoptr(GError) sequential_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sequential = NULL;
  g_autofree char *parallel = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (json, "long ");
  g_string_append (json, "\"},\n{\"id\": \"e1\", \"start\": \"2016-12-02\", \"title\": \"x\"},\n"
                         "]}\n");
  path = write_temp (json->str, json->len);
  g_string_free (json, TRUE);

  sequential = load_as_json (path, 1, NULL, &sequential_error);
  g_assert_error (sequential_error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_SYNTAX);
  /* both cuts fall in or after the long first entry: the second is the last comma */
  parallel = load_as_json (path, 3, NULL, &error);
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, sequential_error->message);
  g_assert_null (parallel);
  g_unlink (path);
}

static void
test_progress (void)
{
  g_autofree char *path = write_events (20000, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  Progress progress = { fractions, NULL };
  g_autofree char *parallel = load_as_json (path, 2, &progress, &error);
  g_autofree char *sequential = load_as_json (path, 1, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (parallel, ==, sequential);
  /* the first slice (about 10,000 events) reports every 4096 events (3 times), then
   * the whole once at the end (read in one piece: 6 times, see test-loader-stream) */
  g_assert_cmpuint (fractions->len, ==, 4);
  g_assert_cmpfloat (g_array_index (fractions, double, 0), <, 0.01);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >,
                       g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, 2), >, 0.75);
  g_assert_cmpfloat (g_array_index (fractions, double, 3), ==, 1.0);
  g_unlink (path);
}

static void
test_cancel (void)
{
  g_autofree char *path = write_events (20000, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  Progress progress = { fractions, cancellable };
  g_autofree char *parallel = load_as_json (path, 2, &progress, &error);

  g_assert_null (parallel);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* nothing reported after the cancellation */
  g_assert_cmpuint (fractions->len, ==, 1);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loader-parallel/generated", test_generated);
  for (guint i = 0; i < G_N_ELEMENTS (flaws); i++)
    {
      g_autofree char *name = g_strconcat ("/loader-parallel/", flaws[i].name, NULL);

      g_test_add_data_func (name, &flaws[i], test_flaw_in_second_slice);
    }
  g_test_add_func ("/loader-parallel/trailing-comma", test_trailing_comma);
  g_test_add_func ("/loader-parallel/progress", test_progress);
  g_test_add_func ("/loader-parallel/cancel", test_cancel);

  return g_test_run ();
}

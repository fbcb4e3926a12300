/* test-memory.c — loading stays bounded: cancel and reload leak nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Leaks are LeakSanitizer's to find (the sanitizer build keeps leak detection on
 * for unit tests); the resident set size over many load/free cycles is checked
 * here in every build but the AddressSanitizer one, whose quarantine keeps
 * freed memory resident on purpose.
 */

#include "config.h"

#include <malloc.h>
#include <unistd.h>

#include "atlas-loader.h"
#include "atlas-model.h"

typedef struct
{
  GMainLoop    *loop;
  AtlasDataset *dataset;
  GError       *error;
} AsyncData;

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncData *data = user_data;

  data->dataset = atlas_dataset_load_finish (result, &data->error);
  g_main_loop_quit (data->loop);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static gsize
resident_kib (void)
{
  g_autofree char *contents = NULL;
  unsigned long size = 0, resident = 0;

  malloc_trim (0);
  g_assert_true (g_file_get_contents ("/proc/self/statm", &contents, NULL, NULL));
  g_assert_cmpint (sscanf (contents, "%lu %lu", &size, &resident), ==, 2);
  return (gsize) resident * (gsize) sysconf (_SC_PAGESIZE) / 1024;
}

/* Load, cancel while the worker runs, load again: 20 times.  Every cancelled
 * load reports the cancellation or a whole dataset, every second one a whole
 * dataset; LeakSanitizer checks that the abandoned halves were freed. */
static void
test_cancel_reload (void)
{
  g_autofree char *path = g_build_filename (TEST_DATADIR, "aleppo-2016-12-05.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint n_cancelled = 0;

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      AsyncData data = { loop, NULL, NULL };

      /* cancelled from the main loop while the worker thread parses */
      atlas_dataset_load_async (file, cancellable, load_cb, &data);
      g_idle_add_full (G_PRIORITY_HIGH, cancel_cb, g_object_ref (cancellable), g_object_unref);
      g_main_loop_run (loop);
      if (data.dataset == NULL)
        {
          g_assert_error (data.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          n_cancelled++;
        }
      g_clear_object (&data.dataset);
      g_clear_error (&data.error);

      atlas_dataset_load_async (file, NULL, load_cb, &data);
      g_main_loop_run (loop);
      g_assert_no_error (data.error);
      g_assert_cmpuint (atlas_dataset_get_n_events (data.dataset), >, 0);
      g_assert_finalize_object (data.dataset);
    }

  g_test_message ("%u of 20 loads were cancelled before they finished", n_cancelled);
}

/* 200 load/free cycles of the bundled dataset after 20 to warm up */
static void
test_rss_cycles (void)
{
  g_autofree char *path = g_build_filename (TEST_DATADIR, "aleppo-2016-12-05.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gsize before, after;

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GError) error = NULL;
      AtlasDataset *dataset = atlas_dataset_new_from_file (file, NULL, &error);

      g_assert_no_error (error);
      g_assert_finalize_object (dataset);
    }
  before = resident_kib ();

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GError) error = NULL;
      AtlasDataset *dataset = atlas_dataset_new_from_file (file, NULL, &error);

      g_assert_no_error (error);
      g_assert_finalize_object (dataset);
    }
  after = resident_kib ();

  g_test_message ("RSS after 20 warm-up loads %" G_GSIZE_FORMAT " KiB, after 200 more %"
                  G_GSIZE_FORMAT " KiB (%+.2f%%)", before, after,
                  100.0 * ((double) after - (double) before) / (double) before);
#ifndef __SANITIZE_ADDRESS__
  g_assert_cmpfloat ((double) after, <, (double) before * 1.05);
#endif
}

/* A file larger than the memory allows is refused before it is read: the
 * limit is min (2 GiB, half of the available memory). */
static void
test_size_limit (void)
{
  guint64 available = (guint64) sysconf (_SC_AVPHYS_PAGES) * (guint64) sysconf (_SC_PAGESIZE);
  guint64 expected = MIN ((guint64) 2 << 30, available / 2);
  guint64 limit = atlas_loader_get_size_limit ();

  g_test_message ("size limit %" G_GUINT64_FORMAT " bytes (available memory %" G_GUINT64_FORMAT
                  ")", limit, available);
  g_assert_cmpuint (limit, <=, (guint64) 2 << 30);
  /* the free memory moves a little between the two calls */
  g_assert_cmpfloat ((double) limit, >=, (double) expected * 0.9);
  g_assert_cmpfloat ((double) limit, <=, (double) expected * 1.1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memory/cancel-reload", test_cancel_reload);
  g_test_add_func ("/memory/rss-cycles", test_rss_cycles);
  g_test_add_func ("/memory/size-limit", test_size_limit);

  return g_test_run ();
}

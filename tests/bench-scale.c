/* bench-scale.c — load, reopen, filter and draw times at 10k, 100k and 1M events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-scale [--json] [--runs N] [SIZE…]     (default sizes 10000 100000 1000000,
 *        or $ATLAS_BENCH_SIZES, e.g. "10000,100000")
 *
 * For each size a seeded dataset is generated into a temporary directory (deleted
 * afterwards).  Every measurement that has a peak memory runs in its own child process
 * (this program again, with --child) so that peaks do not mix; each figure is the
 * median of --runs runs.  Draw times need a display (run under xvfb-run).
 *
 * Targets (issue 6): load ≤ 1.0× the bare json-glib parse time and ≤ 0.5× its peak
 * memory, model < 700 bytes an event, reopen of 1M < 1 s, actor filter p95 < 2 ms,
 * time window p95 < 0.5 ms, timeline snapshot < 2 ms, map snapshot < 16 ms, startup
 * < 600 ms.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-map-view.h"
#include "atlas-marker-layer.h"
#include "atlas-export-events.h"
#include "atlas-model.h"
#include "atlas-timeline.h"

#define CHILD_RUNS_FILTER 100
#define CHILD_RUNS_DRAW   30

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */

static guint64
read_status_kb (const char *key)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  p = strstr (status, key);
  if (p == NULL)
    return 0;
  return g_ascii_strtoull (p + strlen (key) + 1, NULL, 10);
}

static guint64
heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

static double
now_ms (void)
{
  return (double) g_get_monotonic_time () / 1000.0;
}

static int
compare_double (const void *a,
                const void *b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return da < db ? -1 : da > db;
}

/* @q in [0, 1]; sorts @values */
static double
quantile (double *values,
          guint   n,
          double  q)
{
  guint i;

  if (n == 0)
    return -1;
  qsort (values, n, sizeof (double), compare_double);
  i = (guint) (q * (n - 1) + 0.5);
  return values[MIN (i, n - 1)];
}

/* ------------------------------------------------------------------------ */
/* Child phases: each prints one line of numbers on stdout                  */

static int
child_bare (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  double t0 = now_ms (), ms;

  if (!json_parser_load_from_mapped_file (parser, path, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  ms = now_ms () - t0;
  g_print ("%.1f %" G_GUINT64_FORMAT "\n", ms, read_status_kb ("VmHWM:"));
  return 0;
}

static int
child_load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  guint64 heap_before = heap_in_use ();
  double t0 = now_ms (), ms;
  guint n;

  dataset = atlas_dataset_new_from_file (file, NULL, &error);
  if (dataset == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  ms = now_ms () - t0;
  n = MAX (atlas_dataset_get_n_events (dataset), 1);
  g_print ("%.1f %" G_GUINT64_FORMAT " %.0f\n", ms, read_status_kb ("VmHWM:"),
           (double) (heap_in_use () - heap_before) / n);
  return 0;
}

static AtlasDataset *
load_or_die (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_new_from_file (file, NULL, &error);

  if (dataset == NULL)
    g_error ("%s", error->message);
  return dataset;
}

static int
child_filter (const char *path)
{
  g_autoptr(AtlasDataset) dataset = load_or_die (path);
  g_autoptr(AtlasContext) context = atlas_context_new ();
  AtlasFilter *filter;
  double actor_ms[CHILD_RUNS_FILTER], window_ms[CHILD_RUNS_FILTER];
  guint n_actors = g_list_model_get_n_items (atlas_dataset_get_actors (dataset));
  gint64 from, to;
  GRand *rand = g_rand_new_with_seed (7);

  atlas_context_set_dataset (context, dataset);
  filter = atlas_context_get_filter (context);
  atlas_dataset_get_time_range (dataset, &from, &to);

  for (guint i = 0; i < CHILD_RUNS_FILTER; i++)
    {
      AtlasActor *actor = atlas_dataset_get_actor (dataset,
                                                   (guint) g_rand_int_range (rand, 0,
                                                                             (gint32) n_actors));
      double t0 = now_ms ();

      atlas_filter_set_only_actor (filter, actor);
      actor_ms[i] = now_ms () - t0;
    }
  atlas_filter_reset (filter);

  for (guint i = 0; i < CHILD_RUNS_FILTER; i++)
    {
      gint64 a = from + (gint64) (g_rand_double (rand) * (double) (to - from));
      gint64 b = a + (gint64) (g_rand_double (rand) * (double) (to - a));
      double t0 = now_ms ();

      atlas_filter_set_time_window (filter, a, b);
      window_ms[i] = now_ms () - t0;
    }

  g_rand_free (rand);
  g_print ("%.3f %.3f %.3f\n", quantile (actor_ms, CHILD_RUNS_FILTER, 0.5),
           quantile (actor_ms, CHILD_RUNS_FILTER, 0.95),
           quantile (window_ms, CHILD_RUNS_FILTER, 0.95));
  return 0;
}

static GtkWidget *
find_marker_layer (GtkWidget *widget)
{
  if (ATLAS_IS_MARKER_LAYER (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_marker_layer (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
wait_frames (GtkWidget *window,
             guint      n)
{
  for (guint i = 0; i < n; i++)
    gtk_test_widget_wait_for_draw (window);
}

/* Snapshots @widget as its parent would in a frame: its cached render node is
 * reused unless it (or a descendant) was queued for drawing. */
static void
snapshot_widget (GtkWidget   *widget,
                 GtkSnapshot *snapshot)
{
  gtk_widget_snapshot_child (gtk_widget_get_parent (widget), widget, snapshot);
}

/* median ms of snapshotting @widget after invalidating @dirty */
static double
time_snapshot (GtkWidget *widget,
               GtkWidget *dirty)
{
  double ms[CHILD_RUNS_DRAW];

  for (guint i = 0; i < CHILD_RUNS_DRAW; i++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      double t0;

      gtk_widget_queue_draw (dirty);
      t0 = now_ms ();
      snapshot_widget (widget, snapshot);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      ms[i] = now_ms () - t0;
    }

  return quantile (ms, CHILD_RUNS_DRAW, 0.5);
}

static int
child_draw (const char *path)
{
  g_autoptr(AtlasDataset) dataset = load_or_die (path);
  g_autoptr(AtlasContext) context = atlas_context_new ();
  GtkWidget *window, *box, *map, *timeline, *markers;
  double timeline_ms, map_ms, frame_ms[CHILD_RUNS_DRAW], pan_ms[CHILD_RUNS_DRAW];
  double zoom_ms[CHILD_RUNS_DRAW], sparse_ms[CHILD_RUNS_DRAW];
  guint n_actors = g_list_model_get_n_items (atlas_dataset_get_actors (dataset));

  atlas_context_set_dataset (context, dataset);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  map = GTK_WIDGET (atlas_map_view_new ());
  gtk_widget_set_vexpand (map, TRUE);
  timeline = GTK_WIDGET (atlas_timeline_new ());
  gtk_widget_set_size_request (timeline, -1, 160);
  g_object_set (map, "context", context, NULL);
  g_object_set (timeline, "context", context, NULL);
  gtk_box_append (GTK_BOX (box), map);
  gtk_box_append (GTK_BOX (box), timeline);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  wait_frames (window, 5);
  atlas_map_view_frame_visible (ATLAS_MAP_VIEW (map));
  wait_frames (window, 5);

  markers = find_marker_layer (map);
  if (markers == NULL)
    g_error ("no marker layer in the map view");

  timeline_ms = time_snapshot (timeline, timeline);
  map_ms = time_snapshot (map, markers);

  /* panning: each frame shows another range, so nothing drawn before is reused */
  {
    gint64 from = atlas_timeline_x_to_time (ATLAS_TIMELINE (timeline), 0);
    gint64 to = atlas_timeline_x_to_time (ATLAS_TIMELINE (timeline),
                                          gtk_widget_get_width (timeline));
    gint64 step = (to - from) / 200;

    for (guint i = 0; i < CHILD_RUNS_DRAW; i++)
      {
        g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
        g_autoptr(GskRenderNode) node = NULL;
        double t0;

        atlas_timeline_zoom_to_range (ATLAS_TIMELINE (timeline), from + (gint64) (i + 1) * step,
                                      to + (gint64) (i + 1) * step);
        t0 = now_ms ();
        snapshot_widget (timeline, snapshot);
        node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
        pan_ms[i] = now_ms () - t0;
      }

    /* zooming in: each frame a narrower range around the middle */
    for (guint i = 0; i < CHILD_RUNS_DRAW; i++)
      {
        g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
        g_autoptr(GskRenderNode) node = NULL;
        gint64 half = (gint64) ((double) (to - from) / 2 * pow (0.9, i + 1));
        gint64 middle = from + (to - from) / 2;
        double t0;

        atlas_timeline_zoom_to_range (ATLAS_TIMELINE (timeline), middle - half, middle + half);
        t0 = now_ms ();
        snapshot_widget (timeline, snapshot);
        node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
        zoom_ms[i] = now_ms () - t0;
      }

    /* zooming in where the view is sparse (fewer marks in view than the density
     * limit, so they are laid out in lanes): the busiest actor's events, from
     * two days around the middle to about an hour */
    atlas_filter_set_only_actor (atlas_context_get_filter (context),
                                 atlas_dataset_get_actor (dataset, 0));
    for (guint i = 0; i < CHILD_RUNS_DRAW; i++)
      {
        g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
        g_autoptr(GskRenderNode) node = NULL;
        gint64 half = (gint64) ((double) ATLAS_USEC_PER_DAY * pow (0.9, i));
        gint64 middle = from + (to - from) / 2;
        double t0;

        atlas_timeline_zoom_to_range (ATLAS_TIMELINE (timeline), middle - half, middle + half);
        t0 = now_ms ();
        snapshot_widget (timeline, snapshot);
        node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
        sparse_ms[i] = now_ms () - t0;
      }
    atlas_filter_reset (atlas_context_get_filter (context));
    atlas_timeline_zoom_to_range (ATLAS_TIMELINE (timeline), from, to);
  }

  /* a whole frame's worth of work after an actor filter change: recompute and both
   * snapshots */
  for (guint i = 0; i < CHILD_RUNS_DRAW; i++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      double t0 = now_ms ();

      atlas_filter_set_only_actor (atlas_context_get_filter (context),
                                   atlas_dataset_get_actor (dataset, i % n_actors));
      snapshot_widget (map, snapshot);
      snapshot_widget (timeline, snapshot);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      frame_ms[i] = now_ms () - t0;
    }

  g_print ("%.3f %.3f %.3f %u %.3f %.3f %.3f %.3f\n", timeline_ms, map_ms,
           quantile (frame_ms, CHILD_RUNS_DRAW, 0.95),
           atlas_map_view_get_n_markers (ATLAS_MAP_VIEW (map)),
           quantile (pan_ms, CHILD_RUNS_DRAW, 0.5),
           quantile (zoom_ms, CHILD_RUNS_DRAW, 0.5),
           quantile (sparse_ms, CHILD_RUNS_DRAW, 0.5),
           quantile (frame_ms, CHILD_RUNS_DRAW, 0.5));
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* The events of @path written as a CSV export (the app's own, which reads back as
 * ACLED) next to it, as PATH.csv */
static int
child_csv (const char *path)
{
  g_autoptr(AtlasDataset) dataset = load_or_die (path);
  g_autofree char *csv_path = g_strconcat (path, ".csv", NULL);
  g_autofree guint *events = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  guint n = atlas_dataset_get_n_events (dataset);

  events = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    events[i] = i;
  csv = atlas_export_events_to_csv (dataset, events, n);
  if (!g_file_set_contents (csv_path, csv, -1, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("%.1f\n", (double) strlen (csv) / 1e6);
  return 0;
}

static int
run_child (const char *phase,
           const char *path)
{
  if (g_str_equal (phase, "bare"))
    return child_bare (path);
  if (g_str_equal (phase, "load") || g_str_equal (phase, "reopen"))
    return child_load (path);
  if (g_str_equal (phase, "filter"))
    return child_filter (path);
  if (g_str_equal (phase, "csv"))
    return child_csv (path);
  if (g_str_equal (phase, "draw"))
    {
      gtk_init ();
      return child_draw (path);
    }
  g_printerr ("unknown phase %s\n", phase);
  return 2;
}

/* ------------------------------------------------------------------------ */
/* Parent                                                                   */

static const char *self_path;

/* Runs a phase in a child; fills @values (up to @n_values numbers).  FALSE on failure. */
static gboolean
spawn_phase (const char *phase,
             const char *path,
             gboolean    no_cache,
             double     *values,
             guint       n_values)
{
  const char *argv[] = { self_path, "--child", phase, path, NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = NULL;
  int status;

  env = g_environ_setenv (env, "ATLAS_NO_CACHE", no_cache ? "1" : "0", TRUE);
  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                     &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("%s %s: %s\n%s", phase, path, error->message, err != NULL ? err : "");
      return FALSE;
    }

  fields = g_strsplit_set (g_strstrip (out), " ", -1);
  for (guint i = 0; i < n_values; i++)
    values[i] = fields[i] != NULL ? g_ascii_strtod (fields[i], NULL) : -1;
  return TRUE;
}

typedef struct
{
  guint  n_events;
  double file_mb;
  double bare_ms, bare_rss_mb;
  double load_ms, load_rss_mb, model_bytes;
  double reopen_ms;
  double actor_p50, actor_p95, window_p95;
  double timeline_ms, map_ms, frame_p95;
  double n_markers;
  double timeline_pan_ms;
  double timeline_zoom_ms;
  double timeline_sparse_zoom_ms;
  double frame_p50;
  double csv_mb, csv_load_ms, csv_rss_mb;
} Row;

/* median over @runs of each of @n_values numbers */
static gboolean
median_phase (const char *phase,
              const char *path,
              gboolean    no_cache,
              guint       runs,
              double     *out,
              guint       n_values)
{
  g_autofree double *all = g_new0 (double, (gsize) runs * n_values);

  for (guint r = 0; r < runs; r++)
    {
      if (!spawn_phase (phase, path, no_cache, all + r * n_values, n_values))
        return FALSE;
    }

  for (guint v = 0; v < n_values; v++)
    {
      g_autofree double *column = g_new (double, runs);

      for (guint r = 0; r < runs; r++)
        column[r] = all[r * n_values + v];
      out[v] = quantile (column, runs, 0.5);
    }
  return TRUE;
}

/* Process start to the first frame painted with the basemap complete, as the app
 * reports it with ATLAS_REPORT_FIRST_FRAME=1 (the screenshot option only makes it
 * quit afterwards; its own wait for quiet tiles is not counted) */
static double
measure_startup (guint runs)
{
  g_autofree double *ms = g_new (double, runs);
  g_autofree char *dir = g_dir_make_tmp ("atlas-startup-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "shot.png", NULL);
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "ATLAS_REPORT_FIRST_FRAME", "1", TRUE);

  for (guint r = 0; r < runs; r++)
    {
      const char *argv[] = { EVENT_ATLAS_BIN, "--screenshot", png, NULL };
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      const char *line;
      int status;

      if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                         &status, &error)
          || !g_spawn_check_wait_status (status, &error))
        {
          g_printerr ("startup: %s\n", error->message);
          return -1;
        }
      line = strstr (out, "first complete frame: ");
      if (line == NULL)
        {
          g_printerr ("startup: no first frame reported\n");
          return -1;
        }
      ms[r] = g_ascii_strtod (line + strlen ("first complete frame: "), NULL);
    }

  g_unlink (png);
  g_rmdir (dir);
  return quantile (ms, runs, 0.5);
}

static void
print_table (GArray *rows,
             double  startup_ms)
{
  g_print ("\n%-28s", "events");
  for (guint i = 0; i < rows->len; i++)
    g_print ("%14u", g_array_index (rows, Row, i).n_events);
  g_print ("\n");

#define LINE(label, field, fmt) \
  G_STMT_START { \
    g_print ("%-28s", label); \
    for (guint i = 0; i < rows->len; i++) \
      g_print (fmt, g_array_index (rows, Row, i).field); \
    g_print ("\n"); \
  } G_STMT_END

  LINE ("file MB", file_mb, "%14.1f");
  LINE ("json-glib parse ms", bare_ms, "%14.0f");
  LINE ("json-glib peak RSS MB", bare_rss_mb, "%14.0f");
  LINE ("app load ms", load_ms, "%14.0f");
  LINE ("app load peak RSS MB", load_rss_mb, "%14.0f");
  g_print ("%-28s", "load time ratio (≤ 1.0)");
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      g_print ("%14.2f", row->load_ms / row->bare_ms);
    }
  g_print ("\n%-28s", "load memory ratio (≤ 0.5)");
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      g_print ("%14.2f", row->load_rss_mb / row->bare_rss_mb);
    }
  g_print ("\n");
  LINE ("model bytes/event (< 700)", model_bytes, "%14.0f");
  LINE ("ACLED CSV MB", csv_mb, "%14.1f");
  LINE ("ACLED CSV load ms", csv_load_ms, "%14.0f");
  LINE ("ACLED CSV load peak RSS MB", csv_rss_mb, "%14.0f");
  g_print ("%-28s", "CSV load / json-glib parse");
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      g_print ("%14.2f", row->csv_load_ms / row->bare_ms);
    }
  g_print ("\n");
  LINE ("reopen ms (1M < 1000)", reopen_ms, "%14.0f");
  LINE ("actor filter p50 ms", actor_p50, "%14.3f");
  LINE ("actor filter p95 ms (< 2)", actor_p95, "%14.3f");
  LINE ("time window p95 ms (< 0.5)", window_p95, "%14.3f");
  LINE ("timeline snapshot ms (< 2)", timeline_ms, "%14.3f");
  LINE ("timeline pan snapshot ms", timeline_pan_ms, "%14.3f");
  LINE ("timeline zoom snapshot ms", timeline_zoom_ms, "%14.3f");
  LINE ("sparse zoom snapshot ms", timeline_sparse_zoom_ms, "%14.3f");
  LINE ("map snapshot ms (< 16)", map_ms, "%14.3f");
  LINE ("filter+frame p50 ms", frame_p50, "%14.3f");
  LINE ("filter+frame p95 ms (< 16)", frame_p95, "%14.3f");
  LINE ("map markers", n_markers, "%14.0f");
#undef LINE
  g_print ("%-28s%14.0f\n", "startup ms (< 600)", startup_ms);
}

static void
print_json (GArray *rows,
            double  startup_ms)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "startup_ms");
  json_builder_add_double_value (builder, startup_ms);
  json_builder_set_member_name (builder, "sizes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);

#define MEMBER(name, value) \
  G_STMT_START { \
    json_builder_set_member_name (builder, name); \
    json_builder_add_double_value (builder, value); \
  } G_STMT_END

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "events");
      json_builder_add_int_value (builder, row->n_events);
      MEMBER ("file_mb", row->file_mb);
      MEMBER ("json_glib_parse_ms", row->bare_ms);
      MEMBER ("json_glib_peak_rss_mb", row->bare_rss_mb);
      MEMBER ("load_ms", row->load_ms);
      MEMBER ("load_peak_rss_mb", row->load_rss_mb);
      MEMBER ("load_time_ratio", row->load_ms / row->bare_ms);
      MEMBER ("load_memory_ratio", row->load_rss_mb / row->bare_rss_mb);
      MEMBER ("model_bytes_per_event", row->model_bytes);
      MEMBER ("acled_csv_mb", row->csv_mb);
      MEMBER ("acled_csv_load_ms", row->csv_load_ms);
      MEMBER ("acled_csv_load_peak_rss_mb", row->csv_rss_mb);
      MEMBER ("acled_csv_load_time_ratio", row->csv_load_ms / row->bare_ms);
      MEMBER ("reopen_ms", row->reopen_ms);
      MEMBER ("actor_filter_p50_ms", row->actor_p50);
      MEMBER ("actor_filter_p95_ms", row->actor_p95);
      MEMBER ("time_window_p95_ms", row->window_p95);
      MEMBER ("timeline_snapshot_ms", row->timeline_ms);
      MEMBER ("timeline_pan_snapshot_ms", row->timeline_pan_ms);
      MEMBER ("timeline_zoom_snapshot_ms", row->timeline_zoom_ms);
      MEMBER ("timeline_sparse_zoom_snapshot_ms", row->timeline_sparse_zoom_ms);
      MEMBER ("map_snapshot_ms", row->map_ms);
      MEMBER ("filter_frame_p50_ms", row->frame_p50);
      MEMBER ("filter_frame_p95_ms", row->frame_p95);
      json_builder_end_object (builder);
#undef MEMBER
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

int
main (int   argc,
      char *argv[])
{
  gboolean json = FALSE;
  int runs = 3;
  char *child = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print one JSON object", NULL },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs per figure (median)", "N" },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &child, NULL, NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("[SIZE…]");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_auto(GStrv) sizes = NULL;
  g_autofree char *cache_root = NULL;
  double startup_ms;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (child != NULL)
    return argc == 2 ? run_child (child, argv[1]) : 2;

  self_path = argv[0];
  runs = MAX (runs, 1);
  if (argc > 1)
    sizes = g_strdupv (argv + 1);
  else if (g_getenv ("ATLAS_BENCH_SIZES") != NULL)
    sizes = g_strsplit (g_getenv ("ATLAS_BENCH_SIZES"), ",", -1);
  else
    sizes = g_strsplit ("10000,100000,1000000", ",", -1);

  /* the reopen cache goes into a private cache dir, removed at the end */
  cache_root = g_dir_make_tmp ("atlas-bench-cache-XXXXXX", NULL);
  g_setenv ("XDG_CACHE_HOME", cache_root, TRUE);

  for (guint s = 0; sizes[s] != NULL; s++)
    {
      g_autofree char *dir = g_dir_make_tmp ("atlas-bench-XXXXXX", &error);
      g_autofree char *path = NULL;
      g_autofree char *count = NULL;
      double values[8];
      Row row = { 0 };
      GStatBuf st;

      if (dir == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      row.n_events = (guint) g_ascii_strtoull (sizes[s], NULL, 10);
      path = g_build_filename (dir, "dataset.json", NULL);
      count = g_strdup_printf ("%u", row.n_events);
      {
        const char *gen_argv[] = { GEN_DATASET_BIN, count, path, NULL };
        int status;

        if (!g_spawn_sync (NULL, (char **) gen_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                           NULL, &status, &error)
            || !g_spawn_check_wait_status (status, &error))
          {
            g_printerr ("gen-dataset: %s\n", error->message);
            return 1;
          }
      }
      if (g_stat (path, &st) == 0)
        row.file_mb = (double) st.st_size / 1e6;
      g_printerr ("%u events (%.0f MB)…\n", row.n_events, row.file_mb);

      if (median_phase ("bare", path, TRUE, (guint) runs, values, 2))
        {
          row.bare_ms = values[0];
          row.bare_rss_mb = values[1] / 1024.0;
        }
      if (median_phase ("load", path, TRUE, (guint) runs, values, 3))
        {
          row.load_ms = values[0];
          row.load_rss_mb = values[1] / 1024.0;
          row.model_bytes = values[2];
        }
      /* one load that writes the cache, then the measured reopens */
      if (spawn_phase ("load", path, FALSE, values, 1)
          && median_phase ("reopen", path, FALSE, (guint) runs, values, 1))
        row.reopen_ms = values[0];
      /* the same events as an ACLED-style CSV export, loaded like any file */
      row.csv_mb = row.csv_load_ms = row.csv_rss_mb = -1;
      if (median_phase ("csv", path, TRUE, 1, values, 1))
        {
          g_autofree char *csv_path = g_strconcat (path, ".csv", NULL);

          row.csv_mb = values[0];
          if (median_phase ("load", csv_path, TRUE, (guint) runs, values, 3))
            {
              row.csv_load_ms = values[0];
              row.csv_rss_mb = values[1] / 1024.0;
            }
          g_unlink (csv_path);
        }
      if (median_phase ("filter", path, FALSE, 1, values, 3))
        {
          row.actor_p50 = values[0];
          row.actor_p95 = values[1];
          row.window_p95 = values[2];
        }
      if (g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL)
        {
          if (median_phase ("draw", path, FALSE, 1, values, 8))
            {
              row.timeline_ms = values[0];
              row.map_ms = values[1];
              row.frame_p95 = values[2];
              row.n_markers = values[3];
              row.timeline_pan_ms = values[4];
              row.timeline_zoom_ms = values[5];
              row.timeline_sparse_zoom_ms = values[6];
              row.frame_p50 = values[7];
            }
        }
      else
        row.timeline_ms = row.map_ms = row.frame_p95 = row.timeline_pan_ms = row.timeline_zoom_ms
          = row.timeline_sparse_zoom_ms = row.frame_p50 = -1;

      g_array_append_val (rows, row);
      g_unlink (path);
      g_rmdir (dir);
    }

  startup_ms = (g_getenv ("DISPLAY") != NULL) ? measure_startup ((guint) runs) : -1;

  /* remove whatever cache the children wrote */
  {
    const char *rm_argv[] = { "rm", "-rf", cache_root, NULL };

    g_spawn_sync (NULL, (char **) rm_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                  NULL, NULL);
  }

  if (json)
    print_json (rows, startup_ms);
  else
    print_table (rows, startup_ms);
  return 0;
}

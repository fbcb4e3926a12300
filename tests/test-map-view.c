/* test-map-view.c — the map view, driven as a user would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include <gtk/gtk.h>

#include "atlas-basemap-source.h"
#include "atlas-map-view.h"
#include "atlas-marker-layer.h"
#include "atlas-model.h"

typedef struct {
  AtlasDataset *dataset;
  AtlasContext *context;
  GtkWidget    *window;
  AtlasMapView *view;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (TEST_DATADIR "/aleppo-2016-12-05.json");
  g_autoptr(GError) error = NULL;

  fixture->dataset = atlas_dataset_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  fixture->context = atlas_context_new ();
  atlas_context_set_dataset (fixture->context, fixture->dataset);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  fixture->view = ATLAS_MAP_VIEW (atlas_map_view_new ());
  g_object_set (fixture->view, "context", fixture->context, NULL);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (fixture->window);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->context);
  g_assert_finalize_object (fixture->dataset);
}

static ShumateViewport *
get_viewport (Fixture *fixture)
{
  return shumate_map_get_viewport (atlas_map_view_get_map (fixture->view));
}

static void
wait_for_draw (Fixture *fixture)
{
  gtk_test_widget_wait_for_draw (fixture->window);
}

/* the location whose name contains @needle, the shortest such name */
static AtlasLocation *
find_location (Fixture    *fixture,
               const char *needle)
{
  GListModel *locations = atlas_dataset_get_locations (fixture->dataset);
  g_autofree char *folded_needle = g_utf8_casefold (needle, -1);
  AtlasLocation *best = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (locations); i++)
    {
      AtlasLocation *location = atlas_dataset_get_location (fixture->dataset, i);
      const char *name = atlas_location_get_name (location);
      g_autofree char *folded = g_utf8_casefold (name, -1);

      if (strstr (folded, folded_needle) != NULL &&
          (best == NULL || strlen (name) < strlen (atlas_location_get_name (best))))
        best = location;
    }

  g_assert_nonnull (best);

  return best;
}

static AtlasEvent *
find_event (Fixture    *fixture,
            const char *needle)
{
  for (guint i = 0; i < atlas_dataset_get_n_events (fixture->dataset); i++)
    {
      AtlasEvent *event = atlas_dataset_get_event (fixture->dataset, i);
      g_autofree char *folded = g_utf8_casefold (atlas_event_get_title (event), -1);

      if (strstr (folded, needle) != NULL)
        return event;
    }

  g_assert_not_reached ();
}

static gboolean
same_place (AtlasLocation *a,
            AtlasLocation *b)
{
  return G_APPROX_VALUE (atlas_location_get_latitude (a), atlas_location_get_latitude (b), 1e-7) &&
         G_APPROX_VALUE (atlas_location_get_longitude (a), atlas_location_get_longitude (b), 1e-7);
}

/* the visible events that name @location or a place at the very same spot
 * (those can never be drawn apart) */
static GPtrArray *
visible_events_at (Fixture       *fixture,
                   AtlasLocation *location)
{
  GPtrArray *events = g_ptr_array_new ();
  const guint *visible;
  guint n_visible;

  visible = atlas_context_get_visible (fixture->context, &n_visible);
  for (guint i = 0; i < n_visible; i++)
    {
      AtlasEvent *event = atlas_dataset_get_event (fixture->dataset, visible[i]);

      for (guint p = 0; p < atlas_event_get_n_places (event); p++)
        if (same_place (atlas_event_get_place (event, p, NULL), location))
          {
            g_ptr_array_add (events, event);
            break;
          }
    }

  return events;
}

static void
set_view (Fixture *fixture,
          double   zoom,
          double   lat,
          double   lon)
{
  ShumateViewport *viewport = get_viewport (fixture);

  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  wait_for_draw (fixture);
}

static void
assert_selection_is (Fixture   *fixture,
                     GPtrArray *expected)
{
  AtlasSelection *selection = atlas_context_get_selection (fixture->context);

  g_assert_cmpuint (atlas_selection_get_n_events (selection), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_true (atlas_selection_contains (selection, g_ptr_array_index (expected, i)));
}

static void
test_map_view_initial_framing (Fixture       *fixture,
                               gconstpointer  data)
{
  ShumateViewport *viewport = get_viewport (fixture);
  AtlasLocation *aleppo = find_location (fixture, "aleppo");
  double lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  double lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  double zoom = shumate_viewport_get_zoom_level (viewport);
  double x, y;

  /* events in Geneva, Moscow, Rome and New York, but most in Aleppo: the map
   * opens on Aleppo and the eastern Mediterranean */
  g_assert_cmpfloat (zoom, >=, 5.0);
  g_assert_cmpfloat (zoom, <=, 7.0);
  g_assert_cmpfloat (fabs (lat - 36.2), <, 3.0);
  g_assert_cmpfloat (fabs (lon - 37.1), <, 3.0);

  g_assert_true (atlas_map_view_get_location_position (fixture->view, aleppo, &x, &y));
  g_assert_cmpfloat (x, >, 0);
  g_assert_cmpfloat (x, <, 1000);
  g_assert_cmpfloat (y, >, 0);
  g_assert_cmpfloat (y, <, 700);
  g_assert_cmpuint (atlas_map_view_get_n_markers (fixture->view), >, 0);
}

static void
test_map_view_click_furqan (Fixture       *fixture,
                            gconstpointer  data)
{
  AtlasLocation *furqan = find_location (fixture, "furqan");
  AtlasLocation *aleppo = find_location (fixture, "aleppo");
  g_autoptr(GPtrArray) expected = visible_events_at (fixture, furqan);
  GtkPopover *popover = atlas_map_view_get_event_popover (fixture->view);
  double x, y, ax, ay;

  /* zoomed out, Furqan is grouped with the rest of Aleppo */
  g_assert_true (atlas_map_view_get_location_position (fixture->view, furqan, &x, &y));
  g_assert_true (atlas_map_view_get_location_position (fixture->view, aleppo, &ax, &ay));
  g_assert_cmpfloat (hypot (x - ax, y - ay), <, 1.0);

  /* zoom in until it stands apart */
  atlas_map_view_center_on (fixture->view, furqan);
  wait_for_draw (fixture);
  g_assert_true (atlas_map_view_get_location_position (fixture->view, furqan, &x, &y));
  g_assert_true (atlas_map_view_get_location_position (fixture->view, aleppo, &ax, &ay));
  g_assert_cmpfloat (hypot (x - ax, y - ay), >, 30.0);
  g_assert_cmpfloat (fabs (x - 500), <, 2.0);
  g_assert_cmpfloat (fabs (y - 350), <, 2.0);

  /* several events there: a click selects them all and lists them to pick one;
   * "Select all" in the list selects them all again */
  g_assert_cmpuint (expected->len, >, 1);
  atlas_map_view_click_at (fixture->view, x, y);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  assert_selection_is (fixture, expected);
  atlas_selection_clear (atlas_context_get_selection (fixture->context));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.select-listed", NULL);
  assert_selection_is (fixture, expected);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* picking one row selects that one */
  atlas_map_view_click_at (fixture->view, x + 3, y - 3);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.select-listed-event", "u", 1);
  g_assert_cmpuint (atlas_selection_get_n_events (atlas_context_get_selection (fixture->context)), ==, 1);
  g_assert_true (atlas_selection_contains (atlas_context_get_selection (fixture->context),
                                           g_ptr_array_index (expected, 1)));

  /* a click beside every marker changes nothing */
  atlas_map_view_click_at (fixture->view, 5, 690);
  g_assert_cmpuint (atlas_selection_get_n_events (atlas_context_get_selection (fixture->context)), ==, 1);
}

static void
test_map_view_click_single (Fixture       *fixture,
                            gconstpointer  data)
{
  AtlasLocation *rome = find_location (fixture, "rome");
  g_autoptr(GPtrArray) expected = visible_events_at (fixture, rome);
  double x, y;

  g_assert_cmpuint (expected->len, ==, 1);
  atlas_map_view_center_on (fixture->view, rome);
  wait_for_draw (fixture);
  g_assert_true (atlas_map_view_get_location_position (fixture->view, rome, &x, &y));

  /* one event: selected directly, no list */
  atlas_map_view_click_at (fixture->view, x, y);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (atlas_map_view_get_event_popover (fixture->view))));
  assert_selection_is (fixture, expected);
  g_assert_true (atlas_map_view_location_is_highlighted (fixture->view, rome));
}

static void
test_map_view_click_group (Fixture       *fixture,
                           gconstpointer  data)
{
  AtlasLocation *furqan = find_location (fixture, "furqan");
  AtlasLocation *east = find_location (fixture, "eastern aleppo");
  ShumateViewport *viewport = get_viewport (fixture);
  double zoom_before = shumate_viewport_get_zoom_level (viewport);
  double x, y, ex, ey;

  /* a group of places zooms in to come apart, selecting nothing */
  g_assert_true (atlas_map_view_get_location_position (fixture->view, furqan, &x, &y));
  atlas_map_view_click_at (fixture->view, x, y);
  wait_for_draw (fixture);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >, zoom_before);
  g_assert_cmpuint (atlas_selection_get_n_events (atlas_context_get_selection (fixture->context)), ==, 0);
  g_assert_true (atlas_map_view_get_location_position (fixture->view, furqan, &x, &y));
  g_assert_true (atlas_map_view_get_location_position (fixture->view, east, &ex, &ey));
  g_assert_cmpfloat (hypot (x - ex, y - ey), >, 10.0);
}

static void
test_map_view_highlight (Fixture       *fixture,
                         gconstpointer  data)
{
  AtlasLocation *furqan = find_location (fixture, "furqan");
  AtlasLocation *geneva = find_location (fixture, "geneva");
  AtlasEvent *nurse = find_event (fixture, "nurse");
  AtlasSelection *selection = atlas_context_get_selection (fixture->context);

  g_assert_false (atlas_map_view_location_is_highlighted (fixture->view, furqan));

  atlas_selection_select_event (selection, nurse);
  wait_for_draw (fixture);
  g_assert_true (atlas_map_view_location_is_highlighted (fixture->view, furqan));
  g_assert_false (atlas_map_view_location_is_highlighted (fixture->view, geneva));

  /* also once Furqan stands apart from the rest of Aleppo */
  atlas_map_view_center_on (fixture->view, furqan);
  wait_for_draw (fixture);
  g_assert_true (atlas_map_view_location_is_highlighted (fixture->view, furqan));

  atlas_selection_clear (selection);
  g_assert_false (atlas_map_view_location_is_highlighted (fixture->view, furqan));
}

static AtlasActor *
find_actor (Fixture    *fixture,
            const char *needle)
{
  GListModel *actors = atlas_dataset_get_actors (fixture->dataset);

  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      AtlasActor *actor = atlas_dataset_get_actor (fixture->dataset, i);
      g_autofree char *folded = g_utf8_casefold (atlas_actor_get_name (actor), -1);

      if (strstr (folded, needle) != NULL)
        return actor;
    }

  g_assert_not_reached ();
}

static void
test_map_view_filter_actor (Fixture       *fixture,
                            gconstpointer  data)
{
  AtlasFilter *filter = atlas_context_get_filter (fixture->context);
  AtlasActor *army_of_islam = find_actor (fixture, "army of islam");
  AtlasLocation *geneva = find_location (fixture, "geneva");
  ShumateViewport *viewport = get_viewport (fixture);
  guint before = atlas_map_view_get_n_markers (fixture->view);
  guint after;
  double x, y;

  g_assert_true (atlas_map_view_get_location_position (fixture->view, geneva, &x, &y));

  atlas_filter_set_only_actor (filter, army_of_islam);
  wait_for_draw (fixture);
  after = atlas_map_view_get_n_markers (fixture->view);
  g_assert_cmpuint (after, <, before);
  g_assert_cmpuint (after, >, 0);
  /* Geneva has none of its events: no marker */
  g_assert_false (atlas_map_view_get_location_position (fixture->view, geneva, &x, &y));

  /* Ctrl+0 frames what is left: Aleppo, close up */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.frame-visible", NULL);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >=, 8.0);

  atlas_filter_reset (filter);
  g_assert_true (atlas_map_view_get_location_position (fixture->view, geneva, &x, &y) ||
                 atlas_map_view_get_n_markers (fixture->view) > after);
}

/* Selecting elsewhere (timeline, sidebar, details) brings the selected events'
 * places into sight: a pan, or a zoom out as far as needed, never a zoom in; a
 * selection already in sight leaves the map alone. */
static void
test_map_view_selection_in_sight (Fixture       *fixture,
                                  gconstpointer  data)
{
  ShumateViewport *viewport = get_viewport (fixture);
  AtlasSelection *selection = atlas_context_get_selection (fixture->context);
  AtlasEvent *talks = find_event (fixture, "geneva");
  AtlasEvent *nurse = find_event (fixture, "nurse");
  double zoom, lat, lon;

  atlas_map_view_center_on (fixture->view, find_location (fixture, "furqan"));
  wait_for_draw (fixture);
  zoom = shumate_viewport_get_zoom_level (viewport);
  g_assert_cmpfloat (zoom, >=, 13);

  /* Geneva is far off screen: the map zooms out until it and Aleppo show */
  atlas_selection_select_event (selection, talks);
  wait_for_draw (fixture);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), <, zoom);
  for (guint i = 0; i < atlas_event_get_n_places (talks); i++)
    {
      double x, y;

      g_assert_true (atlas_map_view_get_location_position (fixture->view,
                                                           atlas_event_get_place (talks, i, NULL),
                                                           &x, &y));
      g_assert_cmpfloat (x, >, 0);
      g_assert_cmpfloat (x, <, 1000);
      g_assert_cmpfloat (y, >, 0);
      g_assert_cmpfloat (y, <, 700);
    }

  /* the nurse's places are in sight now: nothing moves, nothing zooms in */
  zoom = shumate_viewport_get_zoom_level (viewport);
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  atlas_selection_select_event (selection, nurse);
  wait_for_draw (fixture);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, zoom);
  g_assert_cmpfloat (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), ==, lat);
  g_assert_cmpfloat (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), ==, lon);

  /* panned away at the same zoom: the map pans back without zooming */
  set_view (fixture, zoom, 60.0, -100.0);
  atlas_selection_select_event (selection, talks);
  wait_for_draw (fixture);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, zoom);
  g_assert_cmpfloat (fabs (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) - 20), <, 15);
}

static void
test_map_view_keyboard (Fixture       *fixture,
                        gconstpointer  data)
{
  ShumateViewport *viewport = get_viewport (fixture);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  double lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.zoom-in", NULL);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, zoom + 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.zoom-out", NULL);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, zoom);

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.pan", "(ii)", 1, 0);
  g_assert_cmpfloat (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), >, lon);

  /* the map itself takes keyboard focus */
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (atlas_map_view_get_map (fixture->view))));
}

/* The tiles the startup report waits for: the cells the viewport touches at its zoom,
 * each one drawn once the source has none pending. */
static void
test_map_view_visible_tiles (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(AtlasBasemapSource) source = atlas_basemap_source_new ();
  GtkWidget *unshown = g_object_ref_sink (atlas_map_view_new ());
  ShumateViewport *viewport = get_viewport (fixture);
  guint zoom, columns;
  int x0, y0, x1, y1, width, height;
  gint64 deadline;

  /* no size yet, or no basemap: nothing to wait for */
  g_assert_false (atlas_map_view_get_visible_tiles (fixture->view, &zoom, &x0, &y0, &x1, &y1));
  atlas_map_view_set_map_source (ATLAS_MAP_VIEW (unshown), SHUMATE_MAP_SOURCE (source));
  g_assert_false (atlas_map_view_get_visible_tiles (ATLAS_MAP_VIEW (unshown),
                                                    &zoom, &x0, &y0, &x1, &y1));
  g_object_unref (unshown);

  atlas_map_view_set_map_source (fixture->view, SHUMATE_MAP_SOURCE (source));
  wait_for_draw (fixture);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while ((atlas_basemap_source_get_n_filled (source) == 0 ||
          atlas_basemap_source_get_n_pending (source) > 0) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (atlas_basemap_source_get_n_pending (source), ==, 0);

  g_assert_true (atlas_map_view_get_visible_tiles (fixture->view, &zoom, &x0, &y0, &x1, &y1));
  g_assert_cmpuint (zoom, ==, (guint) shumate_viewport_get_zoom_level (viewport));
  width = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  height = gtk_widget_get_height (GTK_WIDGET (fixture->view));
  /* whole 256-pixel cells covering the view, at most one partly shown on each side */
  g_assert_cmpint ((x1 - x0 + 1) * 256, >=, width);
  g_assert_cmpint ((x1 - x0 + 1) * 256, <, width + 2 * 256);
  g_assert_cmpint ((y1 - y0 + 1) * 256, >=, height);
  g_assert_cmpint ((y1 - y0 + 1) * 256, <, height + 2 * 256);

  columns = 1u << zoom;
  for (int x = x0; x <= x1; x++)
    for (int y = y0; y <= y1; y++)
      g_assert_true (atlas_basemap_source_is_drawn (source, zoom,
                                                    (guint) ((x + (int) columns) % (int) columns),
                                                    (guint) y));
  /* only what was asked for */
  g_assert_false (atlas_basemap_source_is_drawn (source, zoom + 1, 2 * (guint) x0, 2 * (guint) y0));
}

static AtlasMarkerLayer *
find_marker_layer (GtkWidget *widget)
{
  if (ATLAS_IS_MARKER_LAYER (widget))
    return ATLAS_MARKER_LAYER (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AtlasMarkerLayer *found = find_marker_layer (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The marker layer's counts, after each filter change, are what the visible
 * events give one by one: per place (an event naming a place twice counts once
 * there), and per marker the sum of its places */
static void
assert_counts_match_visible (AtlasContext     *context,
                             AtlasDataset     *dataset,
                             AtlasMarkerLayer *markers,
                             const char       *what)
{
  guint n_locations = g_list_model_get_n_items (atlas_dataset_get_locations (dataset));
  g_autofree guint *expected = g_new0 (guint, n_locations);
  guint n_markers = atlas_marker_layer_get_n_markers (markers);
  guint total = 0, n_places = 0;

  for (guint i = 0; i < atlas_dataset_get_n_events (dataset); i++)
    {
      AtlasEvent *event = atlas_dataset_get_event (dataset, i);
      g_autofree guint8 *seen = NULL;

      if (!atlas_context_is_visible (context, event))
        continue;
      seen = g_new0 (guint8, n_locations);
      for (guint p = 0; p < atlas_event_get_n_places (event); p++)
        {
          guint index = atlas_location_get_index (atlas_event_get_place (event, p, NULL));

          if (!seen[index])
            expected[index]++;
          seen[index] = TRUE;
        }
    }

  g_test_message ("%s: %u visible, %u markers", what, atlas_context_get_n_visible (context),
                  n_markers);
  for (guint l = 0; l < n_locations; l++)
    {
      AtlasLocation *location = atlas_dataset_get_location (dataset, l);

      g_assert_cmpuint (atlas_marker_layer_get_location_count (markers, location), ==, expected[l]);
      total += expected[l];
      n_places += expected[l] > 0;
    }

  /* every place with a visible event in exactly one marker, whose count is the sum */
  for (guint m = 0; m < n_markers; m++)
    {
      guint n;
      const guint *locations = atlas_marker_layer_get_marker_locations (markers, m, &n);
      guint sum = 0;

      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpuint (expected[locations[i]], >, 0);
          sum += expected[locations[i]];
          n_places--;
        }
      g_assert_cmpuint (atlas_marker_layer_get_marker_count (markers, m), ==, sum);
      total -= sum;
    }
  g_assert_cmpuint (n_places, ==, 0);
  g_assert_cmpuint (total, ==, 0);
}

static void
test_map_view_marker_counts (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("atlas-map-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "generated.json", NULL);
  const char *argv[] = { GEN_DATASET_BIN, "4000", path, NULL };
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) generated = NULL;
  AtlasFilter *filter = atlas_context_get_filter (fixture->context);
  AtlasMarkerLayer *markers = find_marker_layer (GTK_WIDGET (fixture->view));
  ShumateViewport *viewport = get_viewport (fixture);
  gint64 from, to;
  int status;

  g_assert_nonnull (markers);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  generated = atlas_dataset_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (dir);

  atlas_context_set_dataset (fixture->context, generated);
  g_assert_true (atlas_dataset_get_time_range (generated, &from, &to));

  /* many visible (the counts walk each place's events) and few (they walk the
   * visible events), at a few zooms */
  for (guint z = 0; z < 3; z++)
    {
      shumate_viewport_set_zoom_level (viewport, 3 + 3 * z);
      atlas_filter_reset (filter);
      assert_counts_match_visible (fixture->context, generated, markers, "everything");
      for (guint a = 0; a < 12; a++)
        {
          guint actor = a < 3 ? a : a * 37 % 500;

          atlas_filter_set_only_actor (filter, atlas_dataset_get_actor (generated, actor));
          assert_counts_match_visible (fixture->context, generated, markers, "one actor");
        }
      atlas_filter_reset (filter);
      atlas_filter_set_time_window (filter, from + (to - from) / 3, from + (to - from) / 2);
      assert_counts_match_visible (fixture->context, generated, markers, "a time window");
      atlas_filter_set_time_window (filter, from + (to - from) / 3,
                                    from + (to - from) / 3 + (to - from) / 40);
      assert_counts_match_visible (fixture->context, generated, markers, "a narrow time window");
      atlas_filter_reset (filter);
      atlas_context_set_up_to_playhead (fixture->context, TRUE);
      atlas_context_set_playhead (fixture->context, from + (to - from) / 5);
      assert_counts_match_visible (fixture->context, generated, markers, "up to the playhead");
      atlas_context_set_up_to_playhead (fixture->context, FALSE);
    }

  atlas_context_set_dataset (fixture->context, fixture->dataset);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/map-view/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("initial-framing", test_map_view_initial_framing);
  ADD ("click-furqan", test_map_view_click_furqan);
  ADD ("click-single", test_map_view_click_single);
  ADD ("click-group", test_map_view_click_group);
  ADD ("highlight", test_map_view_highlight);
  ADD ("filter-actor", test_map_view_filter_actor);
  ADD ("keyboard", test_map_view_keyboard);
  ADD ("selection-in-sight", test_map_view_selection_in_sight);
  ADD ("visible-tiles", test_map_view_visible_tiles);
  ADD ("marker-counts", test_map_view_marker_counts);

#undef ADD

  return g_test_run ();
}

/* test-export.c — exporting the view and the events; opening, reloading and
 * watching files; views saved and reopened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "atlas-application.h"
#include "atlas-export-events.h"
#include "atlas-export-view.h"
#include "atlas-window-private.h"

static AtlasApplication *app;

typedef struct {
  char *dir;
  char *dataset_path;   /* a copy of the bundled dataset, ours to rewrite */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = g_build_filename (TEST_DATADIR, "aleppo-2016-12-05.json", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  fixture->dir = g_dir_make_tmp ("atlas-export-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->dataset_path = g_build_filename (fixture->dir, "aleppo.json", NULL);
  g_file_get_contents (source, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (fixture->dataset_path, contents, length, &error);
  g_assert_no_error (error);

  g_settings_set_strv (atlas_application_get_settings (app), "recent-files", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->dataset_path);
}

static void
wait_for_load (AtlasWindow *window)
{
  while (atlas_window_is_loading (window))
    g_main_context_iteration (NULL, TRUE);
}

static void
settle (GtkWidget *widget)
{
  gtk_test_widget_wait_for_draw (widget);
  for (guint i = 0; i < 20 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
  gtk_test_widget_wait_for_draw (widget);
}

static AtlasWindow *
open_window_with (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AtlasWindow *window = atlas_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  atlas_window_open_file (window, file);
  wait_for_load (window);
  settle (GTK_WIDGET (window));

  return window;
}

static void
close_window (AtlasWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static AtlasActor *
filter_by_army_of_islam (AtlasWindow *window)
{
  AtlasContext *context = atlas_window_get_context (window);
  AtlasActor *actor = atlas_dataset_lookup_actor (atlas_context_get_dataset (context),
                                                  "army-of-islam");

  g_assert_nonnull (actor);
  atlas_filter_set_actor_active (atlas_context_get_filter (context), actor, TRUE);
  settle (GTK_WIDGET (window));

  return actor;
}

/* the ids of the events involving @actor, in dataset order */
static GPtrArray *
expected_ids (AtlasDataset *dataset,
              AtlasActor   *actor)
{
  GPtrArray *ids = g_ptr_array_new ();
  const guint *events;
  guint n;

  events = atlas_dataset_get_actor_events (dataset, actor, &n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (ids, (gpointer) atlas_event_get_id (atlas_dataset_get_event (dataset, events[i])));

  return ids;
}

/* binary-safe: PDF streams hold NUL bytes */
static gboolean
contains (const char *data,
          gsize       length,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;

  return FALSE;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Export View */

static void
test_export_png (Fixture       *fixture,
                 gconstpointer  data)
{
  AtlasWindow *window = open_window_with (fixture->dataset_path);
  g_autofree char *path = g_build_filename (fixture->dir, "view.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *contents = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gsize length;

  filter_by_army_of_islam (window);
  g_assert_true (atlas_export_view (window, file, ATLAS_EXPORT_FORMAT_PNG, 1200, 800, &error));
  g_assert_no_error (error);

  g_file_get_contents (path, (char **) &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 33);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (contents + 12, 4, "IHDR", 4);
  g_assert_cmpuint (read_be32 (contents + 16), ==, 1200);
  g_assert_cmpuint (read_be32 (contents + 20), ==, 800);

  /* it decodes, at that size */
  texture = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1200);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 800);

  /* too small a size is refused with a reason */
  g_assert_false (atlas_export_view (window, file, ATLAS_EXPORT_FORMAT_PNG, 10, 800, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "The size must be between 200 and 10000 pixels");

  close_window (window);
}

typedef struct {
  guint   depth;
  char   *root;
  char   *width;
  char   *height;
  GString *title;
  gboolean in_title;
} SvgScan;

static void
svg_start_element (GMarkupParseContext  *context,
                   const char           *element,
                   const char          **names,
                   const char          **values,
                   gpointer              user_data,
                   GError              **error)
{
  SvgScan *scan = user_data;

  if (scan->depth++ == 0)
    {
      scan->root = g_strdup (element);
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "width"))
          scan->width = g_strdup (values[i]);
        else if (g_str_equal (names[i], "height"))
          scan->height = g_strdup (values[i]);
    }
  else if (scan->depth == 2 && g_str_equal (element, "title"))
    scan->in_title = TRUE;
}

static void
svg_end_element (GMarkupParseContext  *context,
                 const char           *element,
                 gpointer              user_data,
                 GError              **error)
{
  SvgScan *scan = user_data;

  scan->depth--;
  scan->in_title = FALSE;
}

static void
svg_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 length,
          gpointer              user_data,
          GError              **error)
{
  SvgScan *scan = user_data;

  if (scan->in_title)
    g_string_append_len (scan->title, text, length);
}

static void
test_export_svg (Fixture       *fixture,
                 gconstpointer  data)
{
  static const GMarkupParser parser = {
    svg_start_element, svg_end_element, svg_text, NULL, NULL
  };
  AtlasWindow *window = open_window_with (fixture->dataset_path);
  AtlasDataset *dataset = atlas_context_get_dataset (atlas_window_get_context (window));
  g_autofree char *path = g_build_filename (fixture->dir, "view.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  SvgScan scan = { .title = g_string_new (NULL) };
  gsize length;

  g_assert_true (atlas_export_view (window, file, ATLAS_EXPORT_FORMAT_SVG, 1200, 800, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  context = g_markup_parse_context_new (&parser, G_MARKUP_IGNORE_QUALIFIED, &scan, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, length, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (scan.root, ==, "svg");
  g_assert_cmpstr (scan.width, ==, "1200px");
  g_assert_cmpstr (scan.height, ==, "800px");
  g_assert_cmpstr (scan.title->str, ==, atlas_dataset_get_title (dataset));

  g_free (scan.root);
  g_free (scan.width);
  g_free (scan.height);
  g_string_free (scan.title, TRUE);
  close_window (window);
}

static void
test_export_pdf (Fixture       *fixture,
                 gconstpointer  data)
{
  AtlasWindow *window = open_window_with (fixture->dataset_path);
  g_autofree char *path = g_build_filename (fixture->dir, "view.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GRegex) page = g_regex_new ("/Type\\s*/Page[^s]", G_REGEX_RAW, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  gsize length;
  guint n_pages = 0;

  g_assert_true (atlas_export_view (window, file, ATLAS_EXPORT_FORMAT_PDF, 1200, 800, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_true (contains (contents + length - 7, 7, "%%EOF"));
  g_regex_match_full (page, contents, length, 0, 0, &match, NULL);
  while (g_match_info_matches (match))
    {
      n_pages++;
      g_match_info_next (match, NULL);
    }
  g_assert_cmpuint (n_pages, ==, 1);
  /* the page is the size asked for, in points */
  g_assert_true (contains (contents, length, "/MediaBox [ 0 0 1200 800 ]"));

  close_window (window);
}

/* Export Events */

/* RFC 4180: fields separated by commas, quoted with doubled quotes, CRLF rows */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (field, *p++);
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        {
          g_ptr_array_add (row, g_string_free (g_steal_pointer (&field), FALSE));
          field = g_string_new (NULL);
        }
      else if (*p == '\r' && p[1] == '\n')
        {
          g_ptr_array_add (row, g_string_free (g_steal_pointer (&field), FALSE));
          field = g_string_new (NULL);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
          p++;
        }
      else
        {
          g_assert_cmpint (*p, !=, '\n');  /* bare line feeds only inside quotes */
          g_string_append_c (field, *p);
        }
    }
  g_assert_false (quoted);
  g_assert_cmpuint (field->len, ==, 0);
  g_assert_cmpuint (row->len, ==, 0);
  g_string_free (field, TRUE);
  g_ptr_array_unref (row);

  return rows;
}

static void
test_export_csv (Fixture       *fixture,
                 gconstpointer  data)
{
  AtlasWindow *window = open_window_with (fixture->dataset_path);
  AtlasContext *context = atlas_window_get_context (window);
  AtlasDataset *dataset = atlas_context_get_dataset (context);
  AtlasActor *actor = filter_by_army_of_islam (window);
  g_autoptr(GPtrArray) ids = expected_ids (dataset, actor);
  g_autofree char *path = g_build_filename (fixture->dir, "events.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *header;

  g_assert_cmpuint (ids->len, >, 0);
  g_assert_true (atlas_export_events_save (context, ATLAS_EVENTS_FORMAT_CSV, file, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (contents, -1, NULL));
  g_assert_false (g_str_has_prefix (contents, "\xef\xbb\xbf"));

  rows = parse_csv (contents);
  g_assert_cmpuint (rows->len, ==, ids->len + 1);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (header->len, ==, 18);
  g_assert_cmpstr (g_ptr_array_index (header, 0), ==, "event_id_cnty");
  g_assert_cmpstr (g_ptr_array_index (header, 1), ==, "event_date");
  g_assert_cmpstr (g_ptr_array_index (header, 5), ==, "event_type");
  g_assert_cmpstr (g_ptr_array_index (header, 10), ==, "location");
  g_assert_cmpstr (g_ptr_array_index (header, 17), ==, "fatalities");

  for (guint i = 0; i < ids->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i + 1);
      AtlasEvent *event = atlas_dataset_lookup_event (dataset, g_ptr_array_index (ids, i));

      g_autofree char *day = atlas_time_format_iso (atlas_event_get_start (event),
                                                    atlas_event_get_utc_offset (event),
                                                    ATLAS_PRECISION_DAY);

      g_assert_cmpuint (row->len, ==, 18);
      g_assert_cmpstr (g_ptr_array_index (row, 0), ==, atlas_event_get_id (event));
      g_assert_cmpstr (g_ptr_array_index (row, 1), ==, day);
      g_assert_cmpstr (g_ptr_array_index (row, 3), ==,
                       atlas_precision_to_string (atlas_event_get_precision (event)));
      g_assert_cmpstr (g_ptr_array_index (row, 6), ==, atlas_event_get_title (event));
      g_assert_cmpstr (g_ptr_array_index (row, 16), ==,
                       atlas_event_get_excerpt (event) != NULL ? atlas_event_get_excerpt (event) : "");
    }

  /* the importer reads it back: the same events */
  {
    g_autoptr(AtlasDataset) reimported = atlas_dataset_new_from_file (file, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (atlas_dataset_get_n_events (reimported), ==, ids->len);
    for (guint i = 0; i < ids->len; i++)
      g_assert_nonnull (atlas_dataset_lookup_event (reimported, g_ptr_array_index (ids, i)));
  }

  close_window (window);
}

static void
test_export_geojson (Fixture       *fixture,
                     gconstpointer  data)
{
  AtlasWindow *window = open_window_with (fixture->dataset_path);
  AtlasContext *context = atlas_window_get_context (window);
  AtlasDataset *dataset = atlas_context_get_dataset (context);
  AtlasActor *actor = filter_by_army_of_islam (window);
  g_autoptr(GPtrArray) ids = expected_ids (dataset, actor);
  g_autofree char *path = g_build_filename (fixture->dir, "events.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *root;
  JsonArray *features;
  guint n_places = 0, next = 0;

  g_assert_true (atlas_export_events_save (context, ATLAS_EVENTS_FORMAT_GEOJSON, file, NULL, &error));
  g_assert_no_error (error);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "type"), ==, "FeatureCollection");
  features = json_object_get_array_member (root, "features");

  for (guint i = 0; i < ids->len; i++)
    n_places += atlas_event_get_n_places (atlas_dataset_lookup_event (dataset, g_ptr_array_index (ids, i)));
  g_assert_cmpuint (json_array_get_length (features), ==, n_places);

  /* one feature per event and place, in order, at the place */
  for (guint i = 0; i < ids->len; i++)
    {
      AtlasEvent *event = atlas_dataset_lookup_event (dataset, g_ptr_array_index (ids, i));

      for (guint p = 0; p < atlas_event_get_n_places (event); p++)
        {
          JsonObject *feature = json_array_get_object_element (features, next++);
          JsonObject *geometry = json_object_get_object_member (feature, "geometry");
          JsonObject *properties = json_object_get_object_member (feature, "properties");
          JsonArray *coordinates = json_object_get_array_member (geometry, "coordinates");
          AtlasPlaceRole role;
          AtlasLocation *place = atlas_event_get_place (event, p, &role);

          g_autofree char *feature_id = p == 0 ? g_strdup (atlas_event_get_id (event))
                                       : g_strdup_printf ("%s@%s", atlas_event_get_id (event),
                                                          atlas_location_get_id (place));

          g_assert_cmpstr (json_object_get_string_member (feature, "id"), ==, feature_id);
          g_assert_cmpstr (json_object_get_string_member (geometry, "type"), ==, "Point");
          g_assert_cmpfloat (json_array_get_double_element (coordinates, 0), ==,
                             atlas_location_get_longitude (place));
          g_assert_cmpfloat (json_array_get_double_element (coordinates, 1), ==,
                             atlas_location_get_latitude (place));
          g_assert_cmpstr (json_object_get_string_member (properties, "id"), ==,
                           atlas_event_get_id (event));
          g_assert_cmpstr (json_object_get_string_member (properties, "location_id"), ==,
                           atlas_location_get_id (place));
          g_assert_cmpstr (json_object_get_string_member (properties, "role"), ==,
                           atlas_place_role_to_string (role));
          g_hash_table_add (seen, (gpointer) atlas_event_get_id (event));
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, ids->len);

  /* the importer reads it back: one event per feature, the first of each under its id */
  {
    g_autoptr(AtlasDataset) reimported = atlas_dataset_new_from_file (file, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (atlas_dataset_get_n_events (reimported), ==, n_places);
    for (guint i = 0; i < ids->len; i++)
      g_assert_nonnull (atlas_dataset_lookup_event (reimported, g_ptr_array_index (ids, i)));
  }

  close_window (window);
}

/* Views */

static void
set_up_view (AtlasWindow *window)
{
  AtlasContext *context = atlas_window_get_context (window);
  AtlasDataset *dataset = atlas_context_get_dataset (context);
  ShumateViewport *viewport = shumate_map_get_viewport (atlas_map_view_get_map (window->map_view));
  const guint *visible;
  guint n_visible;

  filter_by_army_of_islam (window);
  atlas_filter_set_search (atlas_context_get_filter (context), "Aleppo");
  atlas_context_set_up_to_playhead (context, TRUE);
  atlas_context_set_playhead (context, atlas_time_from_civil (2016, 12, 5, 12, 0, 0));
  visible = atlas_context_get_visible (context, &n_visible);
  g_assert_cmpuint (n_visible, >, 0);
  atlas_selection_select_event (atlas_context_get_selection (context),
                                atlas_dataset_get_event (dataset, visible[0]));
  shumate_viewport_set_zoom_level (viewport, 11);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 36.2, 37.15);
  settle (GTK_WIDGET (window));
}

static void
assert_same_view (AtlasWindow *a,
                  AtlasWindow *b)
{
  g_autoptr(AtlasViewState) va = atlas_window_capture_view (a);
  g_autoptr(AtlasViewState) vb = atlas_window_capture_view (b);

  g_assert_cmpuint (g_strv_length (va->actors), ==, 1);
  g_assert_cmpstrv (va->actors, vb->actors);
  g_assert_cmpuint (g_strv_length (va->selection), ==, 1);
  g_assert_cmpstrv (va->selection, vb->selection);
  g_assert_cmpstr (va->search, ==, "Aleppo");
  g_assert_cmpstr (vb->search, ==, "Aleppo");
  g_assert_cmpint (va->playhead, ==, vb->playhead);
  g_assert_cmpint (vb->playhead, ==, atlas_time_from_civil (2016, 12, 5, 12, 0, 0));
  g_assert_true (vb->up_to_playhead);
  g_assert_cmpfloat_with_epsilon (vb->latitude, 36.2, 1e-6);
  g_assert_cmpfloat_with_epsilon (vb->longitude, 37.15, 1e-6);
  g_assert_cmpfloat (vb->zoom, ==, 11);
  g_assert_cmpuint (atlas_context_get_n_visible (atlas_window_get_context (a)), ==,
                    atlas_context_get_n_visible (atlas_window_get_context (b)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (b->search_entry)), ==, "Aleppo");
}

static void
test_view_file_round_trip (Fixture       *fixture,
                           gconstpointer  data)
{
  AtlasWindow *window = open_window_with (fixture->dataset_path);
  AtlasWindow *reopened;
  g_autofree char *path = g_build_filename (fixture->dir, "story.atlasview", NULL);
  g_autoptr(AtlasViewState) state = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  set_up_view (window);
  state = atlas_window_capture_view (window);
  json = atlas_view_state_to_json (state);
  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);

  /* a fresh window with the view file: the dataset opens with the same view */
  reopened = open_window_with (path);
  settle (GTK_WIDGET (reopened));
  g_assert_null (atlas_window_get_error (reopened));
  g_assert_nonnull (atlas_context_get_dataset (atlas_window_get_context (reopened)));
  g_assert_cmpstr (g_file_peek_path (reopened->file), ==, fixture->dataset_path);
  assert_same_view (window, reopened);

  close_window (reopened);
  close_window (window);
}

static void
clipboard_text_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static void
test_view_link (Fixture       *fixture,
                gconstpointer  data)
{
  AtlasWindow *window = open_window_with (fixture->dataset_path);
  AtlasWindow *reopened;
  g_autofree char *uri = NULL;
  g_autofree char *pasted = NULL;
  g_autoptr(GFile) link = NULL;

  set_up_view (window);
  uri = atlas_export_copy_view_link (window);
  g_assert_true (g_str_has_prefix (uri, "event-atlas://open?view=%7B"));
  g_assert_cmpstr (atlas_window_get_last_toast (window), ==, "Link to the view copied");

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                 clipboard_text_cb, &pasted);
  while (pasted == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (pasted, ==, uri);

  /* opening the link (as from the command line) gives the same view */
  reopened = atlas_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (reopened), 1280, 800);
  gtk_window_present (GTK_WINDOW (reopened));
  link = g_file_new_for_commandline_arg (uri);
  atlas_window_open_file (reopened, link);
  wait_for_load (reopened);
  settle (GTK_WIDGET (reopened));
  assert_same_view (window, reopened);

  close_window (reopened);
  close_window (window);
}

static void
test_view_file_broken (Fixture       *fixture,
                       gconstpointer  data)
{
  AtlasWindow *window = open_window_with (fixture->dataset_path);
  AtlasDataset *before = atlas_context_get_dataset (atlas_window_get_context (window));
  g_autofree char *path = g_build_filename (fixture->dir, "broken.atlasview", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "{ \"format\": \"event-atlas-view\", \"version\": 2 }", -1, &error);
  g_assert_no_error (error);
  atlas_window_open_file (window, file);
  wait_for_load (window);

  g_assert_true (atlas_context_get_dataset (atlas_window_get_context (window)) == before);
  g_assert_cmpstr (atlas_window_get_error (window), ==, "View file: only version 1 is known");

  close_window (window);
}

/* Opening files */

static void
test_reload_keeps_view (Fixture       *fixture,
                        gconstpointer  data)
{
  AtlasWindow *window = open_window_with (fixture->dataset_path);
  AtlasDataset *before = atlas_context_get_dataset (atlas_window_get_context (window));
  g_autoptr(AtlasViewState) was = NULL;
  g_autoptr(AtlasViewState) now = NULL;

  set_up_view (window);
  was = atlas_window_capture_view (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL);
  wait_for_load (window);
  settle (GTK_WIDGET (window));

  g_assert_true (atlas_context_get_dataset (atlas_window_get_context (window)) != before);
  now = atlas_window_capture_view (window);
  g_assert_cmpstrv (was->actors, now->actors);
  g_assert_cmpstrv (was->selection, now->selection);
  g_assert_cmpstr (was->search, ==, now->search);
  g_assert_cmpint (was->playhead, ==, now->playhead);
  g_assert_true (now->up_to_playhead);
  g_assert_cmpfloat_with_epsilon (now->latitude, 36.2, 1e-6);
  g_assert_cmpfloat (now->zoom, ==, 11);

  close_window (window);
}

static void
test_monitor_reloads (Fixture       *fixture,
                      gconstpointer  data)
{
  AtlasWindow *window = open_window_with (fixture->dataset_path);
  AtlasContext *context = atlas_window_get_context (window);
  AtlasDataset *before = atlas_context_get_dataset (context);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GString) changed = NULL;
  gint64 deadline;

  filter_by_army_of_islam (window);
  g_file_get_contents (fixture->dataset_path, &contents, NULL, &error);
  g_assert_no_error (error);
  changed = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (changed, "Battle for eastern Aleppo", "The battle for Aleppo", 1), ==, 1);
  g_file_set_contents (fixture->dataset_path, changed->str, changed->len, &error);
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (atlas_context_get_dataset (context) == before && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  wait_for_load (window);

  g_assert_true (atlas_context_get_dataset (context) != before);
  g_assert_true (g_str_has_prefix (atlas_dataset_get_title (atlas_context_get_dataset (context)),
                                   "The battle for Aleppo"));
  g_assert_cmpstr (atlas_window_get_last_toast (window), ==,
                   "Reloaded “aleppo.json” — it changed on disk");
  g_assert_cmpuint (atlas_filter_get_n_actors (atlas_context_get_filter (context)), ==, 1);

  /* a broken write keeps the dataset and says why */
  before = atlas_context_get_dataset (context);
  g_file_set_contents (fixture->dataset_path, "{ \"format\": \"event-atlas\", \"version\": 7 }", -1, &error);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (atlas_window_get_error (window) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (atlas_window_get_error (window), "version 7"));
  g_assert_true (atlas_context_get_dataset (context) == before);

  close_window (window);
}

static void
test_recent_files (Fixture       *fixture,
                   gconstpointer  data)
{
  GSettings *settings = atlas_application_get_settings (app);
  AtlasWindow *window = open_window_with (fixture->dataset_path);
  g_autoptr(GFile) file = g_file_new_for_path (fixture->dataset_path);
  g_autofree char *uri = g_file_get_uri (file);
  g_auto(GStrv) recent = g_settings_get_strv (settings, "recent-files");
  g_autofree char *label = NULL;
  g_autofree char *target = NULL;

  g_assert_cmpuint (g_strv_length (recent), ==, 1);
  g_assert_cmpstr (recent[0], ==, uri);

  g_assert_cmpint (g_menu_model_get_n_items (G_MENU_MODEL (window->recent_section)), ==, 1);
  g_menu_model_get_item_attribute (G_MENU_MODEL (window->recent_section), 0,
                                   G_MENU_ATTRIBUTE_LABEL, "s", &label);
  g_menu_model_get_item_attribute (G_MENU_MODEL (window->recent_section), 0,
                                   G_MENU_ATTRIBUTE_TARGET, "s", &target);
  g_assert_cmpstr (label, ==, "aleppo.json");
  g_assert_cmpstr (target, ==, uri);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-recent", NULL);
  g_strfreev (recent);
  recent = g_settings_get_strv (settings, "recent-files");
  g_assert_cmpuint (g_strv_length (recent), ==, 0);
  g_assert_cmpint (g_menu_model_get_n_items (G_MENU_MODEL (window->recent_section)), ==, 0);

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* a registered application, so that windows have their settings (memory backend) */
  app = atlas_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/export/view/png", test_export_png);
  ADD ("/export/view/svg", test_export_svg);
  ADD ("/export/view/pdf", test_export_pdf);
  ADD ("/export/events/csv", test_export_csv);
  ADD ("/export/events/geojson", test_export_geojson);
  ADD ("/export/view-file/round-trip", test_view_file_round_trip);
  ADD ("/export/view-file/link", test_view_link);
  ADD ("/export/view-file/broken", test_view_file_broken);
  ADD ("/open/reload-keeps-view", test_reload_keeps_view);
  ADD ("/open/monitor-reloads", test_monitor_reloads);
  ADD ("/open/recent-files", test_recent_files);
#undef ADD

  status = g_test_run ();
  g_object_unref (app);

  return status;
}

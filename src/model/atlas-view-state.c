/* atlas-view-state.c — a citable view: dataset, filter, selection, time and map position
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-view-state"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "atlas-context.h"
#include "atlas-dataset.h"
#include "atlas-event.h"
#include "atlas-filter.h"
#include "atlas-actor.h"
#include "atlas-selection.h"
#include "atlas-time.h"
#include "atlas-view-state.h"

/* a view is a few ids and numbers; anything larger is not one */
#define MAX_VIEW_BYTES (1024 * 1024)

AtlasViewState *
atlas_view_state_new (void)
{
  AtlasViewState *state = g_new0 (AtlasViewState, 1);

  state->selection = g_new0 (char *, 1);
  state->actors = g_new0 (char *, 1);
  state->categories = g_new0 (char *, 1);
  state->search = g_strdup ("");
  state->window_from = ATLAS_TIME_NONE;
  state->window_to = ATLAS_TIME_NONE;
  state->playhead = ATLAS_TIME_NONE;

  return state;
}

void
atlas_view_state_free (AtlasViewState *state)
{
  if (state == NULL)
    return;

  g_free (state->dataset_uri);
  g_strfreev (state->selection);
  g_strfreev (state->actors);
  g_strfreev (state->categories);
  g_free (state->search);
  g_free (state);
}

char *
atlas_view_state_format_time (gint64 instant)
{
  gint64 usec = instant % ATLAS_USEC_PER_SECOND;
  int y, m, d, h, min, s;

  g_return_val_if_fail (instant != ATLAS_TIME_NONE, NULL);

  if (usec < 0)
    usec += ATLAS_USEC_PER_SECOND;
  atlas_time_to_civil (instant - usec, &y, &m, &d, &h, &min, &s);

  if (usec == 0)
    return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, h, min, s);

  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", y, m, d, h, min, s, (int) usec);
}

AtlasViewState *
atlas_view_state_capture (AtlasContext *context,
                          GFile        *dataset_file)
{
  AtlasViewState *state;
  AtlasDataset *dataset;
  AtlasFilter *filter;
  AtlasSelection *selection;
  g_autoptr(GPtrArray) actors = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) actor_ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) categories = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (ATLAS_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (dataset_file == NULL || G_IS_FILE (dataset_file), NULL);

  state = atlas_view_state_new ();
  dataset = atlas_context_get_dataset (context);
  filter = atlas_context_get_filter (context);
  selection = atlas_context_get_selection (context);

  if (dataset_file != NULL)
    state->dataset_uri = g_file_get_uri (dataset_file);

  for (guint i = 0; i < atlas_selection_get_n_events (selection); i++)
    g_strv_builder_add (ids, atlas_event_get_id (atlas_selection_get_event (selection, i)));
  g_strfreev (state->selection);
  state->selection = g_strv_builder_end (ids);

  actors = atlas_filter_dup_actors (filter);
  for (guint i = 0; i < actors->len; i++)
    g_strv_builder_add (actor_ids, atlas_actor_get_id (g_ptr_array_index (actors, i)));
  g_strfreev (state->actors);
  state->actors = g_strv_builder_end (actor_ids);

  /* the filter keeps no list of its categories: ask about each one the dataset has */
  for (guint i = 0; dataset != NULL && i < atlas_dataset_get_n_events (dataset); i++)
    {
      const char *category = atlas_event_get_category (atlas_dataset_get_event (dataset, i));

      if (category != NULL && !g_hash_table_contains (seen, category))
        {
          g_hash_table_add (seen, (gpointer) category);
          if (atlas_filter_get_category_active (filter, category))
            g_strv_builder_add (categories, category);
        }
    }
  g_strfreev (state->categories);
  state->categories = g_strv_builder_end (categories);

  state->match_all = atlas_filter_get_match_all (filter);
  g_free (state->search);
  state->search = g_strdup (atlas_filter_get_search (filter) != NULL
                            ? atlas_filter_get_search (filter) : "");
  atlas_filter_get_time_window (filter, &state->window_from, &state->window_to);
  state->playhead = atlas_context_get_playhead (context);
  state->up_to_playhead = atlas_context_get_up_to_playhead (context);

  return state;
}

void
atlas_view_state_apply (const AtlasViewState *state,
                        AtlasContext         *context)
{
  AtlasDataset *dataset;
  AtlasFilter *filter;
  g_autoptr(GPtrArray) events = g_ptr_array_new ();

  g_return_if_fail (state != NULL);
  g_return_if_fail (ATLAS_IS_CONTEXT (context));

  dataset = atlas_context_get_dataset (context);
  filter = atlas_context_get_filter (context);
  if (dataset == NULL)
    return;

  atlas_filter_reset (filter);
  atlas_filter_set_match_all (filter, state->match_all);
  for (guint i = 0; state->actors[i] != NULL; i++)
    {
      AtlasActor *actor = atlas_dataset_lookup_actor (dataset, state->actors[i]);

      if (actor != NULL)
        atlas_filter_set_actor_active (filter, actor, TRUE);
    }
  for (guint i = 0; state->categories[i] != NULL; i++)
    atlas_filter_set_category_active (filter, state->categories[i], TRUE);
  atlas_filter_set_search (filter, state->search);
  atlas_filter_set_time_window (filter, state->window_from, state->window_to);

  atlas_context_set_up_to_playhead (context, state->up_to_playhead);
  if (state->playhead != ATLAS_TIME_NONE)
    atlas_context_set_playhead (context, state->playhead);

  for (guint i = 0; state->selection[i] != NULL; i++)
    {
      AtlasEvent *event = atlas_dataset_lookup_event (dataset, state->selection[i]);

      if (event != NULL)
        g_ptr_array_add (events, event);
    }
  atlas_selection_select_events (atlas_context_get_selection (context),
                                 (AtlasEvent **) events->pdata, events->len);
}

static void
add_strv (JsonBuilder *builder,
          const char  *member,
          GStrv        strv)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static void
add_time (JsonBuilder *builder,
          gint64       instant)
{
  g_autofree char *text = NULL;

  if (instant == ATLAS_TIME_NONE)
    {
      json_builder_add_null_value (builder);
      return;
    }

  text = atlas_view_state_format_time (instant);
  json_builder_add_string_value (builder, text);
}

static JsonNode *
build_json (const AtlasViewState *state)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, ATLAS_VIEW_STATE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "dataset");
  if (state->dataset_uri != NULL)
    json_builder_add_string_value (builder, state->dataset_uri);
  else
    json_builder_add_null_value (builder);
  add_strv (builder, "selection", state->selection);
  add_strv (builder, "actors", state->actors);
  json_builder_set_member_name (builder, "match_all");
  json_builder_add_boolean_value (builder, state->match_all);
  json_builder_set_member_name (builder, "search");
  json_builder_add_string_value (builder, state->search);
  add_strv (builder, "categories", state->categories);
  json_builder_set_member_name (builder, "time_window");
  if (state->window_from == ATLAS_TIME_NONE && state->window_to == ATLAS_TIME_NONE)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_array (builder);
      add_time (builder, state->window_from);
      add_time (builder, state->window_to);
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "playhead");
  add_time (builder, state->playhead);
  json_builder_set_member_name (builder, "up_to_playhead");
  json_builder_add_boolean_value (builder, state->up_to_playhead);
  json_builder_set_member_name (builder, "map");
  if (state->has_map)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "lat");
      json_builder_add_double_value (builder, state->latitude);
      json_builder_set_member_name (builder, "lon");
      json_builder_add_double_value (builder, state->longitude);
      json_builder_set_member_name (builder, "zoom");
      json_builder_add_double_value (builder, state->zoom);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
atlas_view_state_to_json (const AtlasViewState *state)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (state != NULL, NULL);

  root = build_json (state);

  return json_to_string (root, TRUE);
}

static gboolean
invalid (GError    **error,
         const char *member,
         const char *expected)
{
  /* Translators: the first %s is a JSON member name, the second what it should be */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("View file: “%s” must be %s"), member, expected);
  return FALSE;
}

static gboolean
read_strv (JsonObject  *object,
           const char  *member,
           GStrv       *out,
           GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, member, _("an array of strings"));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return invalid (error, member, _("an array of strings"));
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  g_strfreev (*out);
  *out = g_strv_builder_end (builder);

  return TRUE;
}

static gboolean
read_bool (JsonObject  *object,
           const char  *member,
           gboolean    *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (error, member, _("true or false"));

  *out = json_node_get_boolean (node);

  return TRUE;
}

static gboolean
read_time_node (JsonNode    *node,
                const char  *member,
                gint64      *out,
                GError     **error)
{
  AtlasTimeParse parsed;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = ATLAS_TIME_NONE;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !atlas_time_parse (json_node_get_string (node), &parsed, NULL))
    return invalid (error, member, _("an ISO 8601 date or null"));

  *out = parsed.instant;

  return TRUE;
}

static gboolean
read_number (JsonObject  *object,
             const char  *member,
             double       min,
             double       max,
             double      *out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return invalid (error, member, _("a number"));
  type = json_node_get_value_type (node);
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return invalid (error, member, _("a number"));

  *out = json_node_get_double (node);
  if (!isfinite (*out) || *out < min || *out > max)
    {
      g_autofree char *range = g_strdup_printf (_("between %g and %g"), min, max);

      return invalid (error, member, range);
    }

  return TRUE;
}

AtlasViewState *
atlas_view_state_from_json (const char  *data,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(AtlasViewState) state = NULL;
  JsonObject *object;
  JsonNode *root, *node;

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = strlen (data);

  if (length > MAX_VIEW_BYTES || !g_utf8_validate (data, length, NULL) ||
      !json_parser_load_from_data (parser, data, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Not an Event Atlas view"));
      return NULL;
    }

  object = json_node_get_object (root);
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "format", NULL),
                 ATLAS_VIEW_STATE_FORMAT) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Not an Event Atlas view"));
      return NULL;
    }

  node = json_object_get_member (object, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) != 1)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("View file: only version 1 is known"));
      return NULL;
    }

  state = atlas_view_state_new ();

  node = json_object_get_member (object, "dataset");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          !g_uri_is_valid (json_node_get_string (node), G_URI_FLAGS_NONE, NULL))
        {
          invalid (error, "dataset", _("a URI"));
          return NULL;
        }
      state->dataset_uri = json_node_dup_string (node);
    }

  if (!read_strv (object, "selection", &state->selection, error) ||
      !read_strv (object, "actors", &state->actors, error) ||
      !read_strv (object, "categories", &state->categories, error) ||
      !read_bool (object, "match_all", &state->match_all, error) ||
      !read_bool (object, "up_to_playhead", &state->up_to_playhead, error) ||
      !read_time_node (json_object_get_member (object, "playhead"), "playhead",
                       &state->playhead, error))
    return NULL;

  node = json_object_get_member (object, "search");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          invalid (error, "search", _("a string"));
          return NULL;
        }
      g_free (state->search);
      state->search = json_node_dup_string (node);
    }

  node = json_object_get_member (object, "time_window");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node) ||
          json_array_get_length (array = json_node_get_array (node)) != 2)
        {
          invalid (error, "time_window", _("two dates or null"));
          return NULL;
        }
      if (!read_time_node (json_array_get_element (array, 0), "time_window",
                           &state->window_from, error) ||
          !read_time_node (json_array_get_element (array, 1), "time_window",
                           &state->window_to, error))
        return NULL;
    }

  node = json_object_get_member (object, "map");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonObject *map;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          invalid (error, "map", _("an object with lat, lon and zoom"));
          return NULL;
        }
      map = json_node_get_object (node);
      if (!read_number (map, "lat", -90, 90, &state->latitude, error) ||
          !read_number (map, "lon", -180, 180, &state->longitude, error) ||
          !read_number (map, "zoom", 0, 30, &state->zoom, error))
        return NULL;
      state->has_map = TRUE;
    }

  return g_steal_pointer (&state);
}

char *
atlas_view_state_to_uri (const AtlasViewState *state)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (state != NULL, NULL);

  root = build_json (state);
  json = json_to_string (root, FALSE);
  escaped = g_uri_escape_string (json, NULL, FALSE);

  return g_strconcat (ATLAS_VIEW_STATE_SCHEME "://open?view=", escaped, NULL);
}

AtlasViewState *
atlas_view_state_from_uri (const char  *uri,
                           GError     **error)
{
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *view;

  g_return_val_if_fail (uri != NULL, NULL);

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  if (parsed == NULL ||
      g_strcmp0 (g_uri_get_scheme (parsed), ATLAS_VIEW_STATE_SCHEME) != 0 ||
      g_strcmp0 (g_uri_get_host (parsed), "open") != 0 ||
      g_uri_get_query (parsed) == NULL ||
      (params = g_uri_parse_params (g_uri_get_query (parsed), -1, "&",
                                    G_URI_PARAMS_NONE, NULL)) == NULL ||
      (view = g_hash_table_lookup (params, "view")) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Not an Event Atlas link: it must read %s"),
                   ATLAS_VIEW_STATE_SCHEME "://open?view=…");
      return NULL;
    }

  return atlas_view_state_from_json (view, -1, error);
}

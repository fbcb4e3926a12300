/* atlas-export-events.c — the visible events as CSV (ACLED-like) or GeoJSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-export-events"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "atlas-actor.h"
#include "atlas-context.h"
#include "atlas-dataset.h"
#include "atlas-event.h"
#include "atlas-export-events.h"
#include "atlas-location.h"
#include "atlas-source.h"
#include "atlas-time.h"
#include "atlas-vocab.h"

static const char * const csv_columns[] = {
  "event_id_cnty", "event_date", "time_precision", "date_precision", "date_basis", "event_type",
  "title", "actor1", "actor2", "assoc_actor_1", "location", "latitude", "longitude",
  "geo_precision_m", "notes", "source", "excerpt", "fatalities",
};

static void
csv_append_field (GString    *out,
                  const char *text,
                  gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  if (text == NULL)
    return;

  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static char *
format_coordinate (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6f", value));
}

/* the first place the event occurred at, else its first place of any role */
static AtlasLocation *
main_place (AtlasEvent *event)
{
  for (guint i = 0; i < atlas_event_get_n_places (event); i++)
    {
      AtlasPlaceRole role;
      AtlasLocation *place = atlas_event_get_place (event, i, &role);

      if (role == ATLAS_PLACE_ROLE_OCCURRED)
        return place;
    }

  return atlas_event_get_n_places (event) > 0 ? atlas_event_get_place (event, 0, NULL) : NULL;
}

static AtlasActor *
first_participant (AtlasEvent           *event,
                   AtlasParticipantRole  wanted)
{
  for (guint i = 0; i < atlas_event_get_n_participants (event); i++)
    {
      AtlasParticipantRole role;
      AtlasActor *actor = atlas_event_get_participant (event, i, &role);

      if (role == wanted)
        return actor;
    }

  return NULL;
}

static char *
describe_source (AtlasSource *source)
{
  const char *title, *publisher;

  if (source == NULL)
    return NULL;

  title = atlas_source_get_title (source);
  publisher = atlas_source_get_publisher (source);
  if (title != NULL && publisher != NULL)
    return g_strdup_printf ("%s — %s", title, publisher);

  return g_strdup (title != NULL ? title : publisher);
}

static void
csv_append_event (GString    *out,
                  AtlasEvent *event)
{
  AtlasActor *actor1 = first_participant (event, ATLAS_PARTICIPANT_ROLE_AGENT);
  AtlasActor *actor2 = first_participant (event, ATLAS_PARTICIPANT_ROLE_TARGET);
  AtlasLocation *place = main_place (event);
  g_autoptr(GPtrArray) associated = g_ptr_array_new ();
  g_autofree char *assoc = NULL;
  g_autofree char *latitude = NULL;
  g_autofree char *longitude = NULL;
  g_autofree char *precision = NULL;
  g_autofree char *source = NULL;
  g_autofree char *fatalities = NULL;
  g_autofree char *date = NULL;
  AtlasPrecision precision_of_date = atlas_event_get_precision (event);
  const char *time_precision;
  gint64 total = 0;

  /* ACLED's columns: the day (in the zone it was written in) and how sure it is */
  date = atlas_time_format_iso (atlas_event_get_start (event), atlas_event_get_utc_offset (event),
                                ATLAS_PRECISION_DAY);
  if (precision_of_date >= ATLAS_PRECISION_DAY)
    time_precision = "1";
  else if (precision_of_date == ATLAS_PRECISION_WEEK)
    time_precision = "2";
  else
    time_precision = "3";

  for (guint i = 0; i < atlas_event_get_n_participants (event); i++)
    {
      AtlasActor *actor = atlas_event_get_participant (event, i, NULL);
      const char *name = atlas_actor_get_name (actor);

      if (actor != actor1 && actor != actor2 &&
          !g_ptr_array_find_with_equal_func (associated, name, g_str_equal, NULL))
        g_ptr_array_add (associated, (gpointer) name);
    }
  g_ptr_array_add (associated, NULL);
  assoc = g_strjoinv ("; ", (char **) associated->pdata);

  if (place != NULL)
    {
      latitude = format_coordinate (atlas_location_get_latitude (place));
      longitude = format_coordinate (atlas_location_get_longitude (place));
      if (atlas_location_get_precision_m (place) > 0)
        precision = g_strdup_printf ("%.0f", atlas_location_get_precision_m (place));
    }

  for (guint i = 0; i < atlas_event_get_n_fatalities (event); i++)
    {
      gint64 count = 0;

      atlas_event_get_fatality (event, i, &count, NULL);
      if (count > 0)
        total += count;
    }
  if (atlas_event_get_n_fatalities (event) > 0)
    fatalities = g_strdup_printf ("%" G_GINT64_FORMAT, total);

  source = describe_source (atlas_event_get_source (event));

  csv_append_field (out, atlas_event_get_id (event), TRUE);
  csv_append_field (out, date, FALSE);
  csv_append_field (out, time_precision, FALSE);
  csv_append_field (out, atlas_precision_to_string (atlas_event_get_precision (event)), FALSE);
  csv_append_field (out, atlas_basis_to_string (atlas_event_get_basis (event)), FALSE);
  csv_append_field (out, atlas_event_get_category (event), FALSE);
  csv_append_field (out, atlas_event_get_title (event), FALSE);
  csv_append_field (out, actor1 != NULL ? atlas_actor_get_name (actor1) : NULL, FALSE);
  csv_append_field (out, actor2 != NULL ? atlas_actor_get_name (actor2) : NULL, FALSE);
  csv_append_field (out, assoc, FALSE);
  csv_append_field (out, place != NULL ? atlas_location_get_name (place) : NULL, FALSE);
  csv_append_field (out, latitude, FALSE);
  csv_append_field (out, longitude, FALSE);
  csv_append_field (out, precision, FALSE);
  csv_append_field (out, atlas_event_get_summary (event), FALSE);
  csv_append_field (out, source, FALSE);
  csv_append_field (out, atlas_event_get_excerpt (event), FALSE);
  csv_append_field (out, fatalities, FALSE);
  g_string_append (out, "\r\n");
}

char *
atlas_export_events_to_csv (AtlasDataset *dataset,
                            const guint  *events,
                            guint         n_events)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (events != NULL || n_events == 0, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (csv_columns); i++)
    csv_append_field (out, csv_columns[i], i == 0);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < n_events; i++)
    csv_append_event (out, atlas_dataset_get_event (dataset, events[i]));

  return g_string_free (out, FALSE);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *member,
                   const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_feature (JsonBuilder   *builder,
             AtlasEvent    *event,
             guint          nth_place,
             AtlasLocation *place,
             AtlasPlaceRole role)
{
  g_autofree char *feature_id = NULL;

  /* feature ids are unique: the event's own for its first place, so that an
   * importer gives the event back under its id */
  if (nth_place == 0)
    feature_id = g_strdup (atlas_event_get_id (event));
  else
    feature_id = g_strdup_printf ("%s@%s", atlas_event_get_id (event), atlas_location_get_id (place));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "Feature");
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, feature_id);

  json_builder_set_member_name (builder, "geometry");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "Point");
  json_builder_set_member_name (builder, "coordinates");
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, atlas_location_get_longitude (place));
  json_builder_add_double_value (builder, atlas_location_get_latitude (place));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "properties");
  json_builder_begin_object (builder);
  add_string_member (builder, "id", atlas_event_get_id (event));
  add_string_member (builder, "title", atlas_event_get_title (event));
  add_string_member (builder, "start", atlas_event_get_start_text (event));
  add_string_member (builder, "end", atlas_event_get_end_text (event));
  add_string_member (builder, "precision",
                     atlas_precision_to_string (atlas_event_get_precision (event)));
  add_string_member (builder, "basis", atlas_basis_to_string (atlas_event_get_basis (event)));
  add_string_member (builder, "category", atlas_event_get_category (event));
  add_string_member (builder, "location_id", atlas_location_get_id (place));
  add_string_member (builder, "location", atlas_location_get_name (place));
  add_string_member (builder, "role", atlas_place_role_to_string (role));
  json_builder_set_member_name (builder, "precision_m");
  json_builder_add_double_value (builder, atlas_location_get_precision_m (place));
  json_builder_set_member_name (builder, "actors");
  json_builder_begin_array (builder);
  for (guint i = 0; i < atlas_event_get_n_participants (event); i++)
    json_builder_add_string_value (builder,
                                   atlas_actor_get_id (atlas_event_get_participant (event, i, NULL)));
  json_builder_end_array (builder);
  add_string_member (builder, "summary", atlas_event_get_summary (event));
  add_string_member (builder, "excerpt", atlas_event_get_excerpt (event));
  json_builder_end_object (builder);

  json_builder_end_object (builder);
}

char *
atlas_export_events_to_geojson (AtlasDataset *dataset,
                                const guint  *events,
                                guint         n_events)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (events != NULL || n_events == 0, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "FeatureCollection");
  json_builder_set_member_name (builder, "features");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_events; i++)
    {
      AtlasEvent *event = atlas_dataset_get_event (dataset, events[i]);

      for (guint p = 0; p < atlas_event_get_n_places (event); p++)
        {
          AtlasPlaceRole role;
          AtlasLocation *place = atlas_event_get_place (event, p, &role);

          add_feature (builder, event, p, place, role);
        }
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);

  return json_to_string (root, TRUE);
}

gboolean
atlas_export_events_save (AtlasContext       *context,
                          AtlasEventsFormat   format,
                          GFile              *file,
                          GCancellable       *cancellable,
                          GError            **error)
{
  AtlasDataset *dataset;
  const guint *visible;
  guint n_visible = 0;
  g_autofree char *text = NULL;

  g_return_val_if_fail (ATLAS_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  dataset = atlas_context_get_dataset (context);
  if (dataset == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("There is no dataset to export"));
      return FALSE;
    }

  visible = atlas_context_get_visible (context, &n_visible);
  if (format == ATLAS_EVENTS_FORMAT_GEOJSON)
    text = atlas_export_events_to_geojson (dataset, visible, n_visible);
  else
    text = atlas_export_events_to_csv (dataset, visible, n_visible);

  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, error);
}

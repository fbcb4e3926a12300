/* atlas-export.c — a dataset written back as an event-atlas version 1 document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "atlas-actor-private.h"
#include "atlas-dataset.h"
#include "atlas-event-private.h"
#include "atlas-export.h"
#include "atlas-location-private.h"
#include "atlas-source.h"
#include "atlas-time.h"

static void
set_optional_string (JsonObject *object,
                     const char *member,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* language → name, sorted by language so that the output is stable */
static void
set_names (JsonObject *object,
           GHashTable *names)
{
  g_autofree gpointer *keys = NULL;
  JsonObject *names_object;
  guint n;

  if (g_hash_table_size (names) == 0)
    return;

  keys = g_hash_table_get_keys_as_array (names, &n);
  qsort (keys, n, sizeof (gpointer), compare_strings);
  names_object = json_object_new ();
  for (guint i = 0; i < n; i++)
    json_object_set_string_member (names_object, keys[i], g_hash_table_lookup (names, keys[i]));
  json_object_set_object_member (object, "names", names_object);
}

static JsonObject *
source_to_json (AtlasSource *source)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", atlas_source_get_id (source));
  set_optional_string (object, "title", atlas_source_get_title (source));
  set_optional_string (object, "publisher", atlas_source_get_publisher (source));
  set_optional_string (object, "dateline", atlas_source_get_dateline (source));
  set_optional_string (object, "published", atlas_source_get_published (source));
  set_optional_string (object, "url", atlas_source_get_url (source));
  set_optional_string (object, "text", atlas_source_get_text (source));
  return object;
}

static JsonObject *
actor_to_json (AtlasActor *actor)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", actor->id);
  json_object_set_string_member (object, "name", actor->name);
  set_names (object, actor->names);
  if (actor->aliases[0] != NULL)
    {
      JsonArray *aliases = json_array_new ();

      for (guint i = 0; actor->aliases[i] != NULL; i++)
        json_array_add_string_element (aliases, actor->aliases[i]);
      json_object_set_array_member (object, "aliases", aliases);
    }
  if (actor->kind != ATLAS_ACTOR_KIND_OTHER)
    json_object_set_string_member (object, "kind", atlas_actor_kind_to_string (actor->kind));
  if (actor->affiliation != NULL)
    json_object_set_string_member (object, "affiliation", actor->affiliation->id);
  set_optional_string (object, "description", actor->description);
  return object;
}

static JsonObject *
location_to_json (AtlasLocation *location)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", location->id);
  json_object_set_string_member (object, "name", location->name);
  json_object_set_double_member (object, "lat", location->latitude);
  json_object_set_double_member (object, "lon", location->longitude);
  set_names (object, location->names);
  if (location->kind != ATLAS_LOCATION_KIND_OTHER)
    json_object_set_string_member (object, "kind",
                                   atlas_location_kind_to_string (location->kind));
  if (location->precision_m > 0)
    json_object_set_double_member (object, "precision_m", location->precision_m);
  if (location->parent != NULL)
    json_object_set_string_member (object, "parent", location->parent->id);
  if (location->area != NULL)
    {
      JsonArray *area = json_array_sized_new (location->n_area_points);

      for (guint i = 0; i < location->n_area_points; i++)
        {
          JsonArray *pair = json_array_sized_new (2);

          json_array_add_double_element (pair, location->area[2 * i]);
          json_array_add_double_element (pair, location->area[2 * i + 1]);
          json_array_add_array_element (area, pair);
        }
      json_object_set_array_member (object, "area", area);
    }
  return object;
}

static void
event_time_to_json (AtlasEvent *event,
                    JsonObject *object)
{
  if (event->undated)
    {
      json_object_set_boolean_member (object, "undated", TRUE);
      set_optional_string (object, "date_text", atlas_event_get_date_text (event));
      return;
    }

  json_object_set_string_member (object, "start", atlas_event_get_start_text (event));
  set_optional_string (object, "end", atlas_event_get_end_text (event));
  json_object_set_string_member (object, "date_precision",
                                 atlas_precision_to_string (event->precision));
  if (event->basis != ATLAS_BASIS_STATED)
    json_object_set_string_member (object, "date_basis", atlas_basis_to_string (event->basis));
  set_optional_string (object, "date_text", atlas_event_get_date_text (event));
}

static void
event_links_to_json (AtlasEvent *event,
                     JsonObject *object)
{
  if (event->n_places > 0)
    {
      JsonArray *places = json_array_sized_new (event->n_places);

      for (guint i = 0; i < event->n_places; i++)
        {
          AtlasPlaceRole role;
          AtlasLocation *location = atlas_event_get_place (event, i, &role);
          JsonObject *entry = json_object_new ();

          json_object_set_string_member (entry, "location", location->id);
          json_object_set_string_member (entry, "role", atlas_place_role_to_string (role));
          json_array_add_object_element (places, entry);
        }
      json_object_set_array_member (object, "places", places);
    }

  if (event->n_participants > 0)
    {
      JsonArray *participants = json_array_sized_new (event->n_participants);

      for (guint i = 0; i < event->n_participants; i++)
        {
          AtlasParticipantRole role;
          AtlasActor *actor = atlas_event_get_participant (event, i, &role);
          JsonObject *entry = json_object_new ();

          json_object_set_string_member (entry, "actor", actor->id);
          json_object_set_string_member (entry, "role", atlas_participant_role_to_string (role));
          json_array_add_object_element (participants, entry);
        }
      json_object_set_array_member (object, "participants", participants);
    }

  if (event->source != NULL)
    {
      JsonObject *provenance = json_object_new ();

      json_object_set_string_member (provenance, "source", atlas_source_get_id (event->source));
      AtlasActor *attributed_to = atlas_event_get_attributed_to (event);

      set_optional_string (provenance, "excerpt", atlas_event_get_excerpt (event));
      if (atlas_event_get_excerpt_offset (event) >= 0)
        json_object_set_int_member (provenance, "offset", atlas_event_get_excerpt_offset (event));
      if (attributed_to != NULL)
        json_object_set_string_member (provenance, "attributed_to", attributed_to->id);
      json_object_set_object_member (object, "source", provenance);
    }

  if (atlas_event_get_n_quotes (event) > 0)
    {
      GArray *array = event->extras->quotes;
      JsonArray *quotes = json_array_sized_new (array->len);

      for (guint i = 0; i < array->len; i++)
        {
          AtlasEventQuote *quote = &g_array_index (array, AtlasEventQuote, i);
          JsonObject *entry = json_object_new ();

          if (quote->speaker != NULL)
            json_object_set_string_member (entry, "actor", quote->speaker->id);
          json_object_set_string_member (entry, "text", quote->text);
          json_array_add_object_element (quotes, entry);
        }
      json_object_set_array_member (object, "quotes", quotes);
    }
}

static JsonObject *
event_to_json (AtlasEvent *event)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", atlas_event_get_id (event));
  json_object_set_string_member (object, "title", atlas_event_get_title (event));
  set_optional_string (object, "summary", atlas_event_get_summary (event));
  set_optional_string (object, "category", event->category);
  event_time_to_json (event, object);
  event_links_to_json (event, object);

  if (atlas_event_get_n_fatalities (event) > 0)
    {
      gsize n;
      const AtlasEventFatality *all = atlas_event_fatalities (event, &n);
      JsonObject *fatalities = json_object_new ();

      for (gsize i = 0; i < n; i++)
        {
          const AtlasEventFatality *fatality = &all[i];

          if (fatality->qualifier != NULL)
            {
              JsonObject *count = json_object_new ();

              json_object_set_int_member (count, "count", fatality->count);
              json_object_set_string_member (count, "qualifier", fatality->qualifier);
              json_object_set_object_member (fatalities, fatality->kind, count);
            }
          else
            json_object_set_int_member (fatalities, fatality->kind, fatality->count);
        }
      json_object_set_object_member (object, "fatalities", fatalities);
    }

  if (atlas_event_get_n_properties (event) > 0)
    {
      GArray *array = event->extras->properties;
      JsonObject *properties = json_object_new ();

      for (guint i = 0; i < array->len; i++)
        {
          AtlasEventProperty *property = &g_array_index (array, AtlasEventProperty, i);

          json_object_set_string_member (properties, property->key, property->value);
        }
      json_object_set_object_member (object, "properties", properties);
    }

  return object;
}

typedef JsonObject *(*ToJson) (gpointer item);

static JsonArray *
list_to_json (GListModel *list,
              ToJson      to_json)
{
  guint n = g_list_model_get_n_items (list);
  JsonArray *array = json_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      json_array_add_object_element (array, to_json (item));
    }

  return array;
}

JsonNode *
atlas_dataset_to_json (AtlasDataset *dataset)
{
  JsonObject *root;
  JsonNode *node;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);

  root = json_object_new ();
  json_object_set_string_member (root, "format", "event-atlas");
  json_object_set_int_member (root, "version", 1);
  set_optional_string (root, "title", atlas_dataset_get_title (dataset));
  set_optional_string (root, "description", atlas_dataset_get_description (dataset));
  set_optional_string (root, "language", atlas_dataset_get_language (dataset));
  json_object_set_array_member (root, "sources",
                                list_to_json (atlas_dataset_get_sources (dataset),
                                              (ToJson) source_to_json));
  json_object_set_array_member (root, "actors",
                                list_to_json (atlas_dataset_get_actors (dataset),
                                              (ToJson) actor_to_json));
  json_object_set_array_member (root, "locations",
                                list_to_json (atlas_dataset_get_locations (dataset),
                                              (ToJson) location_to_json));
  json_object_set_array_member (root, "events",
                                list_to_json (atlas_dataset_get_events (dataset),
                                              (ToJson) event_to_json));

  node = json_node_init_object (json_node_alloc (), root);
  json_object_unref (root);
  return node;
}

gboolean
atlas_dataset_save (AtlasDataset  *dataset,
                    GFile         *file,
                    GError       **error)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  root = atlas_dataset_to_json (dataset);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);

  return g_file_replace_contents (file, text, length, NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

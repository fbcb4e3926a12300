/* atlas-import-storymapjs.c — a StoryMapJS story as an event-atlas document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A StoryMapJS story is a sequence of slides, each at a place on the map, with a
 * free-text date above its headline.  Every slide after the overview becomes an
 * event at its place; its date is read when it is one people write ("5 December
 * 2016", "2016-12-05"), else the event is undated and keeps the words.
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "atlas-import-storymapjs.h"
#include "atlas-import-timelinejs.h"
#include "atlas-import-util.h"
#include "atlas-json.h"

typedef struct
{
  AtlasProblems  problems;
  JsonArray     *locations;
  GHashTable    *location_ids;         /* "lat lon" → id (owned by taken_location_ids) */
  GHashTable    *taken_location_ids;
  GHashTable    *taken_event_ids;
} Story;

static void
story_clear (Story *story)
{
  atlas_problems_clear (&story->problems);
  g_clear_pointer (&story->location_ids, g_hash_table_unref);
  g_clear_pointer (&story->taken_location_ids, g_hash_table_unref);
  g_clear_pointer (&story->taken_event_ids, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Story, story_clear)

gboolean
atlas_import_storymapjs_sniff (JsonObject *root)
{
  JsonNode *node = json_object_get_member (root, "storymap");

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node)
         && json_object_has_member (json_node_get_object (node), "slides");
}


/* a coordinate: a number, or a number written as a string (the editor saves both) */
static gboolean
read_coordinate (Story      *story,
                 JsonObject *location,
                 const char *member,
                 const char *path,
                 double      limit,
                 double     *out)
{
  JsonNode *node = json_object_get_member (location, member);
  g_autofree char *where = atlas_json_path_member (path, member);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      char *end;

      *out = g_ascii_strtod (text, &end);
      if (*text == '\0' || *end != '\0' || !isfinite (*out))
        {
          atlas_problems_add (&story->problems, where, _("expected a number, got \"%s\""), text);
          return FALSE;
        }
    }
  else if (!atlas_json_get_double (location, member, path, TRUE, out, &story->problems))
    return FALSE;

  if (*out < -limit || *out > limit)
    {
      atlas_problems_add (&story->problems, where, _("%g is out of range (%g to %g)"), *out,
                          -limit, limit);
      return FALSE;
    }
  return TRUE;
}

/* the slide's place, as a location id; NULL when the slide has none */
static const char *
read_location (Story      *story,
               JsonObject *slide,
               const char *path,
               const char *fallback_name)
{
  JsonObject *location = atlas_json_get_object (slide, "location", path, FALSE,
                                                &story->problems);
  g_autofree char *location_path = atlas_json_path_member (path, "location");
  g_autofree char *key = NULL;
  const char *name;
  JsonObject *object;
  double lat, lon;
  gboolean ok;

  /* the overview's location is often just {"line": true} */
  if (location == NULL
      || (!json_object_has_member (location, "lat") && !json_object_has_member (location, "lon")))
    return NULL;

  ok = read_coordinate (story, location, "lat", location_path, 90, &lat);
  ok &= read_coordinate (story, location, "lon", location_path, 180, &lon);
  name = atlas_json_get_string (location, "name", location_path, FALSE, &story->problems);
  if (!ok)
    return NULL;
  if (name == NULL || *name == '\0')
    name = fallback_name;

  key = g_strdup_printf ("%.9g %.9g", lat, lon);
  return atlas_import_location (story->locations, story->location_ids, story->taken_location_ids,
                                key, name, "place", lat, lon, &object);
}

static void
keep_media (Story      *story,
            JsonObject *slide,
            const char *path,
            JsonObject *properties)
{
  static const struct { const char *member, *key; } kept[] = {
    { "url", "media" }, { "caption", "media caption" }, { "credit", "media credit" },
  };
  JsonObject *media = atlas_json_get_object (slide, "media", path, FALSE, &story->problems);
  g_autofree char *media_path = atlas_json_path_member (path, "media");

  for (guint i = 0; media != NULL && i < G_N_ELEMENTS (kept); i++)
    {
      const char *value = atlas_json_get_string (media, kept[i].member, media_path, FALSE,
                                                 &story->problems);
      g_autofree char *plain = NULL;

      if (value == NULL || *value == '\0')
        continue;
      plain = atlas_import_html_to_text (value);
      if (*plain != '\0')
        json_object_set_string_member (properties, kept[i].key, plain);
    }
}

static JsonObject *
read_slide (Story      *story,
            JsonObject *slide,
            const char *path,
            guint       number)
{
  JsonObject *event = json_object_new ();
  JsonObject *properties = json_object_new ();
  g_autofree char *headline = NULL;
  g_autofree char *body = NULL;
  g_autofree char *base = g_strdup_printf ("slide-%u", number);
  g_autofree char *start = NULL;
  const char *date, *location_id;

  json_object_set_string_member (event, "id",
                                 atlas_import_unique_id (story->taken_event_ids, base));

  atlas_import_slide_text (slide, path, &headline, &body, &story->problems);
  if (headline == NULL)
    /* Translators: the title of a StoryMapJS slide that has no headline */
    headline = g_strdup_printf (_("Slide %u"), number);
  json_object_set_string_member (event, "title", headline);
  if (body != NULL)
    json_object_set_string_member (event, "summary", body);

  date = atlas_json_get_string (slide, "date", path, FALSE, &story->problems);
  if (date != NULL)
    {
      g_autofree char *plain = atlas_import_html_to_text (date);

      g_strstrip (plain);
      start = atlas_import_parse_written_date (plain);
      if (start != NULL)
        json_object_set_string_member (event, "start", start);
      if (*plain != '\0' && g_strcmp0 (plain, start) != 0)
        json_object_set_string_member (event, "date_text", plain);
    }
  if (start == NULL)
    json_object_set_boolean_member (event, "undated", TRUE);

  location_id = read_location (story, slide, path, headline);
  if (location_id != NULL)
    {
      JsonArray *places = json_array_new ();
      JsonObject *place = json_object_new ();

      json_object_set_string_member (place, "location", location_id);
      json_array_add_object_element (places, place);
      json_object_set_array_member (event, "places", places);
    }

  /* the story's order, which time order may not keep */
  json_object_set_int_member (properties, "slide", number);
  keep_media (story, slide, path, properties);
  json_object_set_object_member (event, "properties", properties);

  return event;
}

JsonNode *
atlas_import_storymapjs (JsonNode    *root,
                         const char  *display_name,
                         GError     **error)
{
  g_autoptr(JsonNode) document_node = NULL;
  g_auto(Story) story = { 0 };
  JsonObject *storymap, *document;
  JsonArray *slides, *events;
  guint number = 0;
  gboolean ok;

  g_return_val_if_fail (root != NULL && JSON_NODE_HOLDS_OBJECT (root), NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  atlas_problems_init (&story.problems);
  story.location_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  story.taken_location_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  story.taken_event_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  document = atlas_import_new_document (&document_node, NULL);
  events = json_object_get_array_member (document, "events");
  story.locations = json_object_get_array_member (document, "locations");

  storymap = atlas_json_get_object (json_node_get_object (root), "storymap", "", TRUE,
                                    &story.problems);
  slides = storymap != NULL ? atlas_json_get_array (storymap, "slides", "storymap", TRUE,
                                                    &story.problems)
                            : NULL;

  for (guint i = 0; slides != NULL && i < json_array_get_length (slides); i++)
    {
      g_autofree char *path = g_strdup_printf ("storymap.slides[%u]", i);
      JsonObject *slide = atlas_json_expect_object (json_array_get_element (slides, i), path,
                                                    &story.problems);
      const char *type;

      if (slide == NULL)
        continue;

      type = atlas_json_get_string (slide, "type", path, FALSE, &story.problems);
      if (g_strcmp0 (type, "overview") == 0 && !json_object_has_member (document, "title"))
        {
          g_autofree char *headline = NULL;
          g_autofree char *body = NULL;

          atlas_import_slide_text (slide, path, &headline, &body, &story.problems);
          if (headline != NULL)
            json_object_set_string_member (document, "title", headline);
          if (body != NULL)
            json_object_set_string_member (document, "description", body);
          continue;
        }

      json_array_add_object_element (events, read_slide (&story, slide, path, ++number));
    }

  if (!json_object_has_member (document, "title"))
    {
      g_autofree char *basename = g_path_get_basename (display_name);

      json_object_set_string_member (document, "title", basename);
    }

  ok = atlas_import_check_problems (&story.problems, display_name, error);
  if (!ok)
    return NULL;

  return g_steal_pointer (&document_node);
}

/* atlas-import-geojson.c — a GeoJSON FeatureCollection as an event-atlas document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "atlas-import-geojson.h"
#include "atlas-import-util.h"
#include "atlas-json.h"
#include "atlas-time.h"

#define MS_THRESHOLD 1e11   /* epoch numbers above this are milliseconds */

/* the first present of these gives the time ("start" may come with "end") */
static const char * const time_keys[] = { "start", "date", "datetime", "time", "timestamp" };

typedef struct
{
  const char    *display_name;
  AtlasProblems  problems;

  JsonArray     *actors;
  JsonArray     *locations;
  JsonArray     *events;

  GHashTable    *event_ids;           /* id → index + 1 of the feature that has it */
  GHashTable    *actor_ids;           /* name → id (owned by taken_actor_ids) */
  GHashTable    *taken_actor_ids;
  GHashTable    *location_ids;        /* geometry key → id */
  GHashTable    *taken_location_ids;
  GHashTable    *feature_places;      /* location ids (from taken_location_ids) of this feature */
} Importer;

static void
importer_clear (Importer *importer)
{
  atlas_problems_clear (&importer->problems);
  g_clear_pointer (&importer->event_ids, g_hash_table_unref);
  g_clear_pointer (&importer->feature_places, g_hash_table_unref);
  g_clear_pointer (&importer->actor_ids, g_hash_table_unref);
  g_clear_pointer (&importer->taken_actor_ids, g_hash_table_unref);
  g_clear_pointer (&importer->location_ids, g_hash_table_unref);
  g_clear_pointer (&importer->taken_location_ids, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Importer, importer_clear)

/* ------------------------------------------------------------------------ */
/* Geometry                                                                 */

/* [lon, lat, (alt)] within range */
static gboolean
read_position (Importer   *importer,
               JsonNode   *node,
               const char *path,
               double     *lon,
               double     *lat)
{
  JsonArray *array;
  double value[2];

  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) < 2)
    {
      atlas_problems_add (&importer->problems, path, _("expected a [lon, lat] position, got %s"),
                          JSON_NODE_HOLDS_ARRAY (node) ? _("a shorter array")
                                                       : atlas_json_describe_node (node));
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint k = 0; k < 2; k++)
    {
      JsonNode *element = json_array_get_element (array, k);
      g_autofree char *where = atlas_json_path_index (path, k);
      GType type = JSON_NODE_HOLDS_VALUE (element) ? json_node_get_value_type (element)
                                                   : G_TYPE_INVALID;
      double limit = k == 0 ? 180.0 : 90.0;

      if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
        {
          atlas_problems_add (&importer->problems, where, _("expected %s, got %s"),
                              _("a number"), atlas_json_describe_node (element));
          return FALSE;
        }

      value[k] = json_node_get_double (element);
      if (!(value[k] >= -limit && value[k] <= limit))
        {
          atlas_problems_add (&importer->problems, where, _("%g is out of range (%g to %g)"),
                              value[k], -limit, limit);
          return FALSE;
        }
    }

  *lon = value[0];
  *lat = value[1];
  return TRUE;
}

static const char *
add_location (Importer   *importer,
              const char *key,
              const char *name,
              double      lon,
              double      lat,
              JsonArray  *area)   /* taken */
{
  JsonObject *location;
  const char *id = atlas_import_location (importer->locations, importer->location_ids,
                                          importer->taken_location_ids, key, name, "place", lat,
                                          lon, &location);

  if (location != NULL && area != NULL)
    json_object_set_array_member (location, "area", area);
  else if (area != NULL)
    json_array_unref (area);
  return id;
}

/* @role: NULL for "occurred"; a location the feature already has is not added again
 * (a set, not a scan: a MultiPoint may have tens of thousands of positions) */
static void
add_place_with_role (Importer   *importer,
                     JsonArray  *places,
                     const char *location_id,
                     const char *role)
{
  JsonObject *place;

  if (!g_hash_table_add (importer->feature_places, (gpointer) location_id))
    return;

  place = json_object_new ();
  json_object_set_string_member (place, "location", location_id);
  if (role != NULL)
    json_object_set_string_member (place, "role", role);
  json_array_add_object_element (places, place);
}

static void
add_place (Importer   *importer,
           JsonArray  *places,
           const char *location_id)
{
  add_place_with_role (importer, places, location_id, NULL);
}

static void
read_point (Importer   *importer,
            JsonNode   *node,
            const char *path,
            const char *name,
            JsonArray  *places)
{
  g_autofree char *key = NULL;
  double lon, lat;

  if (!read_position (importer, node, path, &lon, &lat))
    return;

  key = g_strdup_printf ("P %.9g %.9g", lon, lat);
  add_place (importer, places, add_location (importer, key, name, lon, lat, NULL));
}

/* the outer ring of a polygon: an area and its centroid */
static void
read_ring (Importer   *importer,
           JsonNode   *node,
           const char *path,
           const char *name,
           JsonArray  *places)
{
  g_autoptr(GString) key = g_string_new ("A");
  g_autofree double *coords = NULL;
  JsonArray *ring, *area;
  double sum_lon = 0, sum_lat = 0, twice_area = 0, cx = 0, cy = 0;
  guint n, n_distinct = 0;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      atlas_problems_add (&importer->problems, path, _("expected %s, got %s"),
                          _("a ring of positions"), atlas_json_describe_node (node));
      return;
    }

  ring = json_node_get_array (node);
  n = json_array_get_length (ring);
  coords = g_new0 (double, 2 * (gsize) MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *where = atlas_json_path_index (path, i);

      if (!read_position (importer, json_array_get_element (ring, i), where, &coords[2 * i],
                          &coords[2 * i + 1]))
        return;
      g_string_append_printf (key, " %.9g %.9g", coords[2 * i], coords[2 * i + 1]);
    }

  for (guint i = 0; i < n && n_distinct < 3; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        seen = coords[2 * j] == coords[2 * i] && coords[2 * j + 1] == coords[2 * i + 1];
      if (!seen)
        n_distinct++;
    }
  if (n_distinct < 3)
    {
      atlas_problems_add (&importer->problems, path,
                          _("a polygon ring needs at least 3 distinct positions, got %u"),
                          n_distinct);
      return;
    }

  /* area-weighted centroid in lon/lat (the shoelace formula); the mean of the
   * vertices when the ring encloses no area */
  for (guint i = 0; i < n; i++)
    {
      /* relative to the first vertex, for precision */
      guint j = (i + 1) % n;
      double xi = coords[2 * i] - coords[0], yi = coords[2 * i + 1] - coords[1];
      double xj = coords[2 * j] - coords[0], yj = coords[2 * j + 1] - coords[1];
      double cross = xi * yj - xj * yi;

      twice_area += cross;
      cx += (xi + xj) * cross;
      cy += (yi + yj) * cross;
      sum_lon += coords[2 * i];
      sum_lat += coords[2 * i + 1];
    }
  if (fabs (twice_area) > 1e-12)
    {
      cx = coords[0] + cx / (3 * twice_area);
      cy = coords[1] + cy / (3 * twice_area);
    }
  else
    {
      cx = sum_lon / n;
      cy = sum_lat / n;
    }

  area = json_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      JsonArray *pair = json_array_sized_new (2);

      json_array_add_double_element (pair, coords[2 * i]);
      json_array_add_double_element (pair, coords[2 * i + 1]);
      json_array_add_array_element (area, pair);
    }

  add_place (importer, places, add_location (importer, key->str, name, CLAMP (cx, -180, 180),
                                   CLAMP (cy, -90, 90), area));
}

static JsonArray *
expect_array (Importer   *importer,
              JsonNode   *node,
              const char *path);

/* A line (a route, a front, a convoy's path): where it starts becomes the
 * event's origin and where it ends its destination, which the map joins with an
 * arrow.  The vertices between are not kept. */
static void
read_line (Importer   *importer,
           JsonNode   *node,
           const char *path,
           const char *name,
           JsonArray  *places)
{
  JsonArray *line = expect_array (importer, node, path);
  double lon[2], lat[2];
  guint n;

  if (line == NULL)
    return;
  n = json_array_get_length (line);
  if (n < 2)
    {
      atlas_problems_add (&importer->problems, path,
                          _("a line needs at least 2 positions, got %u"), n);
      return;
    }

  for (guint i = 0; i < 2; i++)
    {
      guint index = i == 0 ? 0 : n - 1;
      g_autofree char *where = atlas_json_path_index (path, index);

      if (!read_position (importer, json_array_get_element (line, index), where, &lon[i],
                          &lat[i]))
        return;
    }
  for (guint i = 1; i + 1 < n; i++)
    {
      g_autofree char *where = atlas_json_path_index (path, i);
      double ignored_lon, ignored_lat;

      if (!read_position (importer, json_array_get_element (line, i), where, &ignored_lon,
                          &ignored_lat))
        return;
    }

  if (lon[0] == lon[1] && lat[0] == lat[1])
    {
      g_autofree char *key = g_strdup_printf ("P %.9g %.9g", lon[0], lat[0]);

      add_place (importer, places, add_location (importer, key, name, lon[0], lat[0], NULL));
      return;
    }

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *key = g_strdup_printf ("P %.9g %.9g", lon[i], lat[i]);
      /* Translators: the places where a GeoJSON line (a route) starts and ends,
       * e.g. "Convoy route (start)" */
      g_autofree char *end_name = g_strdup_printf (i == 0 ? _("%s (start)") : _("%s (end)"),
                                                   name);

      add_place_with_role (importer, places,
                           add_location (importer, key, end_name, lon[i], lat[i], NULL),
                           i == 0 ? "origin" : "destination");
    }
}

static JsonArray *
expect_array (Importer   *importer,
              JsonNode   *node,
              const char *path)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      atlas_problems_add (&importer->problems, path, _("expected %s, got %s"), _("an array"),
                          node != NULL ? atlas_json_describe_node (node) : _("nothing"));
      return NULL;
    }
  return json_node_get_array (node);
}

/* @depth: 1 inside a GeometryCollection, which may not nest */
static void
read_geometry_node (Importer   *importer,
                    JsonNode   *node,
                    const char *geometry_path,
                    const char *name,
                    JsonArray  *places,
                    guint       depth)
{
  g_autofree char *coords_path = NULL;
  JsonObject *geometry;
  JsonArray *coords;
  const char *type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  geometry = atlas_json_expect_object (node, geometry_path, &importer->problems);
  if (geometry == NULL)
    return;

  type = atlas_json_get_string (geometry, "type", geometry_path, TRUE, &importer->problems);
  if (type == NULL)
    return;

  coords_path = atlas_json_path_member (geometry_path, "coordinates");
  node = json_object_get_member (geometry, "coordinates");

  if (g_str_equal (type, "Point"))
    {
      if (node == NULL)
        atlas_problems_add (&importer->problems, coords_path, "%s",
                            _("a required member is missing"));
      else
        read_point (importer, node, coords_path, name, places);
    }
  else if (g_str_equal (type, "MultiPoint"))
    {
      coords = expect_array (importer, node, coords_path);
      for (guint i = 0; coords != NULL && i < json_array_get_length (coords); i++)
        {
          g_autofree char *where = atlas_json_path_index (coords_path, i);

          read_point (importer, json_array_get_element (coords, i), where, name, places);
        }
    }
  else if (g_str_equal (type, "Polygon") || g_str_equal (type, "MultiPolygon"))
    {
      gboolean multi = g_str_equal (type, "MultiPolygon");
      g_autofree char *polygon_path = multi ? atlas_json_path_index (coords_path, 0)
                                            : g_strdup (coords_path);
      g_autofree char *ring_path = atlas_json_path_index (polygon_path, 0);

      coords = expect_array (importer, node, coords_path);
      if (coords != NULL && multi)
        coords = json_array_get_length (coords) > 0
                 ? expect_array (importer, json_array_get_element (coords, 0), polygon_path)
                 : NULL;
      if (coords != NULL && json_array_get_length (coords) > 0)
        read_ring (importer, json_array_get_element (coords, 0), ring_path, name, places);
      else if (coords != NULL || (node != NULL && JSON_NODE_HOLDS_ARRAY (node)))
        atlas_problems_add (&importer->problems, coords_path, "%s",
                            _("a polygon needs an outer ring"));
    }
  else if (g_str_equal (type, "LineString"))
    read_line (importer, node, coords_path, name, places);
  else if (g_str_equal (type, "MultiLineString"))
    {
      coords = expect_array (importer, node, coords_path);
      for (guint i = 0; coords != NULL && i < json_array_get_length (coords); i++)
        {
          g_autofree char *where = atlas_json_path_index (coords_path, i);

          read_line (importer, json_array_get_element (coords, i), where, name, places);
        }
    }
  else if (g_str_equal (type, "GeometryCollection") && depth == 0)
    {
      g_autofree char *members_path = atlas_json_path_member (geometry_path, "geometries");
      JsonArray *members = expect_array (importer, json_object_get_member (geometry,
                                                                          "geometries"),
                                         members_path);

      for (guint i = 0; members != NULL && i < json_array_get_length (members); i++)
        {
          g_autofree char *where = atlas_json_path_index (members_path, i);

          read_geometry_node (importer, json_array_get_element (members, i), where, name,
                              places, depth + 1);
        }
    }
  else
    {
      g_autofree char *where = atlas_json_path_member (geometry_path, "type");

      atlas_problems_add (&importer->problems, where,
                          _("\"%s\" is not supported (expected Point, MultiPoint, LineString, "
                            "MultiLineString, Polygon, MultiPolygon or GeometryCollection)"),
                          type);
    }
}

static void
read_geometry (Importer   *importer,
               JsonObject *feature,
               const char *path,
               const char *name,
               JsonArray  *places)
{
  g_autofree char *geometry_path = atlas_json_path_member (path, "geometry");

  read_geometry_node (importer, json_object_get_member (feature, "geometry"), geometry_path,
                      name, places, 0);
}

/* ------------------------------------------------------------------------ */
/* Time                                                                     */

/* ISO 8601 text (a date-time without offset read as UTC, *@as_utc set) or epoch
 * seconds / milliseconds; returns the text for "start"/"end" or NULL (problem
 * recorded). */
static char *
read_time_value (Importer   *importer,
                 JsonNode   *node,
                 const char *path,
                 gboolean   *as_utc)
{
  g_autoptr(GError) error = NULL;
  AtlasTimeParse parse;
  GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  double epoch;

  if (type == G_TYPE_STRING)
    {
      g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (node)));
      g_autofree char *utc = NULL;
      char *end;

      epoch = g_ascii_strtod (text, &end);
      if (*text != '\0' && *end == '\0' && strspn (text, "-0123456789.") == strlen (text)
          && strlen (text) > 4)
        goto epoch;

      if (atlas_time_parse (text, &parse, &error))
        return g_steal_pointer (&text);

      /* "2016-12-05T14:00:00" or "2016-12-05 14:00": no offset, read as UTC */
      if (strlen (text) > 10 && (text[10] == 'T' || text[10] == ' '))
        {
          utc = g_strconcat (text, "Z", NULL);
          utc[10] = 'T';
          if (atlas_time_parse (utc, &parse, NULL))
            {
              *as_utc = TRUE;
              return g_steal_pointer (&utc);
            }
        }

      atlas_problems_add (&importer->problems, path, "%s: %s", text, error->message);
      return NULL;
    }

  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    {
      epoch = json_node_get_double (node);
      goto epoch;
    }

  atlas_problems_add (&importer->problems, path,
                      _("expected an ISO 8601 date or a number of seconds since 1970, got %s"),
                      atlas_json_describe_node (node));
  return NULL;

epoch:
  {
    double seconds = fabs (epoch) > MS_THRESHOLD ? epoch / 1000 : epoch;
    gint64 first = atlas_time_from_civil (1, 1, 1, 0, 0, 0) / ATLAS_USEC_PER_SECOND;
    gint64 last = atlas_time_from_civil (9999, 12, 31, 23, 59, 59) / ATLAS_USEC_PER_SECOND;

    if (!(seconds >= (double) first && seconds <= (double) last))
      {
        atlas_problems_add (&importer->problems, path,
                            _("%g is not a time between the years 1 and 9999"), epoch);
        return NULL;
      }
    return atlas_time_format_iso ((gint64) floor (seconds) * ATLAS_USEC_PER_SECOND, 0,
                                  ATLAS_PRECISION_SECOND);
  }
}

static gboolean
is_present (JsonObject *properties,
            const char *key)
{
  JsonNode *node = properties != NULL ? json_object_get_member (properties, key) : NULL;

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

static void
read_time (Importer   *importer,
           JsonObject *properties,
           const char *path,
           JsonObject *event,
           GHashTable *used)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  const char *key = NULL;
  gboolean as_utc = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (time_keys) && key == NULL; i++)
    {
      if (is_present (properties, time_keys[i]))
        key = time_keys[i];
    }

  if (key == NULL)
    {
      json_object_set_boolean_member (event, "undated", TRUE);
      return;
    }

  {
    g_autofree char *where = atlas_json_path_member (path, key);

    start = read_time_value (importer, json_object_get_member (properties, key), where,
                             &as_utc);
    g_hash_table_add (used, (gpointer) key);
  }

  if (g_str_equal (key, "start") && is_present (properties, "end"))
    {
      g_autofree char *where = atlas_json_path_member (path, "end");

      end = read_time_value (importer, json_object_get_member (properties, "end"), where,
                             &as_utc);
      g_hash_table_add (used, (gpointer) "end");
    }

  if (start == NULL)
    return;

  json_object_set_string_member (event, "start", start);
  if (end != NULL)
    json_object_set_string_member (event, "end", end);
  if (as_utc)
    /* Translators: kept with an event whose time was written without a UTC offset */
    json_object_set_string_member (event, "date_text",
                                   _("no UTC offset given; read as UTC"));
}

/* ------------------------------------------------------------------------ */
/* Features                                                                 */

/* the first of @keys that is a non-empty string (or number), marked used */
static char *
take_text (JsonObject         *properties,
           const char * const *keys,
           GHashTable         *used)
{
  for (guint i = 0; properties != NULL && keys[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (properties, keys[i]);
      g_autofree char *text = node != NULL ? atlas_import_scalar_to_text (node) : NULL;

      if (text != NULL && *g_strstrip (text) != '\0'
          && json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          g_hash_table_add (used, (gpointer) keys[i]);
          return g_steal_pointer (&text);
        }
    }

  return NULL;
}

static void
add_participant (Importer   *importer,
                 JsonArray  *participants,
                 const char *name,
                 const char *role)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name));
  g_autofree char *slug = NULL;
  JsonObject *participant;
  const char *id;

  if (*trimmed == '\0')
    return;

  id = g_hash_table_lookup (importer->actor_ids, trimmed);
  if (id == NULL)
    {
      JsonObject *actor = json_object_new ();

      slug = atlas_import_slugify (trimmed, "actor");
      id = atlas_import_unique_id (importer->taken_actor_ids, slug);
      g_hash_table_insert (importer->actor_ids, g_strdup (trimmed), (gpointer) id);
      json_object_set_string_member (actor, "id", id);
      json_object_set_string_member (actor, "name", trimmed);
      json_array_add_object_element (importer->actors, actor);
    }

  for (guint i = 0; i < json_array_get_length (participants); i++)
    {
      JsonObject *other = json_array_get_object_element (participants, i);

      if (g_str_equal (json_object_get_string_member (other, "actor"), id))
        return;
    }

  participant = json_object_new ();
  json_object_set_string_member (participant, "actor", id);
  json_object_set_string_member (participant, "role", role);
  json_array_add_object_element (participants, participant);
}

static void
read_actors (Importer   *importer,
             JsonObject *properties,
             const char *path,
             JsonObject *event,
             GHashTable *used)
{
  static const char * const actor1[] = { "actor1", NULL };
  static const char * const actor2[] = { "actor2", NULL };
  JsonArray *participants = json_array_new ();
  g_autofree char *first = take_text (properties, actor1, used);
  g_autofree char *second = take_text (properties, actor2, used);
  JsonNode *node = properties != NULL ? json_object_get_member (properties, "actors") : NULL;

  if (first != NULL)
    add_participant (importer, participants, first, "agent");
  if (second != NULL)
    add_participant (importer, participants, second, "target");

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *names = json_node_get_array (node);
      g_autofree char *actors_path = atlas_json_path_member (path, "actors");

      for (guint i = 0; i < json_array_get_length (names); i++)
        {
          g_autofree char *where = atlas_json_path_index (actors_path, i);
          const char *name = atlas_json_expect_string (json_array_get_element (names, i), where,
                                                       ATLAS_JSON_MAX_STRING,
                                                       &importer->problems);

          if (name != NULL)
            add_participant (importer, participants, name, "mentioned");
        }
      g_hash_table_add (used, (gpointer) "actors");
    }
  else if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
           && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      add_participant (importer, participants, json_node_get_string (node), "mentioned");
      g_hash_table_add (used, (gpointer) "actors");
    }

  if (json_array_get_length (participants) > 0)
    json_object_set_array_member (event, "participants", participants);
  else
    json_array_unref (participants);
}

static void
read_feature (Importer   *importer,
              JsonObject *feature,
              const char *path,
              guint       index,
              const char *id)
{
  static const char * const title_keys[] = { "title", "name", NULL };
  static const char * const summary_keys[] = { "summary", "description", NULL };
  static const char * const category_keys[] = { "category", "type", NULL };
  static const char * const place_keys[] = { "location", "place", NULL };
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *properties_path = atlas_json_path_member (path, "properties");
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *category = NULL;
  g_autofree char *place_name = NULL;
  JsonObject *properties = NULL;
  JsonObject *event, *kept;
  JsonArray *places;
  JsonNode *node;

  node = json_object_get_member (feature, "properties");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    properties = atlas_json_expect_object (node, properties_path, &importer->problems);

  event = json_object_new ();
  json_object_set_string_member (event, "id", id);

  title = take_text (properties, title_keys, used);
  if (title == NULL)
    /* Translators: the title of a GeoJSON feature that has none */
    title = g_strdup_printf (_("Feature %u"), index + 1);
  json_object_set_string_member (event, "title", title);

  summary = take_text (properties, summary_keys, used);
  if (summary != NULL)
    json_object_set_string_member (event, "summary", summary);
  category = take_text (properties, category_keys, used);
  if (category != NULL)
    json_object_set_string_member (event, "category", category);

  read_time (importer, properties, properties_path, event, used);
  read_actors (importer, properties, properties_path, event, used);

  place_name = take_text (properties, place_keys, used);
  places = json_array_new ();
  g_hash_table_remove_all (importer->feature_places);
  read_geometry (importer, feature, path, place_name != NULL ? place_name : title, places);
  if (json_array_get_length (places) > 0)
    json_object_set_array_member (event, "places", places);
  else
    json_array_unref (places);

  /* everything else, for the details' property table */
  kept = json_object_new ();
  if (properties != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (properties);

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *key = l->data;
          JsonNode *value = json_object_get_member (properties, key);
          g_autofree char *text = NULL;

          if (g_hash_table_contains (used, key) || JSON_NODE_HOLDS_NULL (value))
            continue;
          text = JSON_NODE_HOLDS_VALUE (value) ? atlas_import_scalar_to_text (value)
                                               : json_to_string (value, FALSE);
          if (text != NULL)
            json_object_set_string_member (kept, key, text);
        }
    }
  if (json_object_get_size (kept) > 0)
    json_object_set_object_member (event, "properties", kept);
  else
    json_object_unref (kept);

  json_array_add_object_element (importer->events, event);
}

/* the feature's own id (string or number), or NULL */
static char *
feature_id (JsonObject *feature)
{
  JsonNode *node = json_object_get_member (feature, "id");
  g_autofree char *id = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return NULL;
  id = atlas_import_scalar_to_text (node);
  return id != NULL && *id != '\0' ? g_steal_pointer (&id) : NULL;
}

JsonNode *
atlas_import_geojson (JsonNode    *root,
                      const char  *display_name,
                      GError     **error)
{
  static const char * const name_keys[] = { "name", "title", NULL };
  g_auto(Importer) importer = { 0 };
  g_autoptr(JsonNode) document_node = NULL;
  g_autoptr(GHashTable) taken_event_ids = NULL;
  g_autoptr(GHashTable) unused = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;
  JsonObject *object, *document;
  JsonArray *features = NULL;
  gboolean single;
  guint n;

  g_return_val_if_fail (root != NULL && JSON_NODE_HOLDS_OBJECT (root), NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  importer.display_name = display_name;
  atlas_problems_init (&importer.problems);
  importer.event_ids = g_hash_table_new (g_str_hash, g_str_equal);
  importer.actor_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  importer.taken_actor_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  importer.location_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  importer.taken_location_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  importer.feature_places = g_hash_table_new (g_direct_hash, g_direct_equal);
  taken_event_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  object = json_node_get_object (root);
  single = g_strcmp0 (json_object_get_string_member_with_default (object, "type", ""),
                      "Feature") == 0;
  if (!single)
    features = atlas_json_get_array (object, "features", "", TRUE, &importer.problems);
  n = single ? 1 : features != NULL ? json_array_get_length (features) : 0;

  title = take_text (object, name_keys, unused);
  if (title == NULL)
    title = g_path_get_basename (display_name);
  document = atlas_import_new_document (&document_node, title);
  importer.actors = json_object_get_array_member (document, "actors");
  importer.locations = json_object_get_array_member (document, "locations");
  importer.events = json_object_get_array_member (document, "events");

  /* ids first, so that generated ones avoid every given one */
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = single ? root : json_array_get_element (features, i);
      g_autofree char *path = single ? g_strdup ("") : g_strdup_printf ("features[%u]", i);
      char *id = NULL;
      gpointer first;

      if (JSON_NODE_HOLDS_OBJECT (node))
        id = feature_id (json_node_get_object (node));
      if (id != NULL && g_hash_table_lookup_extended (importer.event_ids, id, NULL, &first))
        {
          g_autofree char *where = atlas_json_path_member (path, "id");

          atlas_problems_add (&importer.problems, where,
                              _("duplicate id \"%s\" (first at features[%u])"), id,
                              GPOINTER_TO_UINT (first) - 1);
        }
      else if (id != NULL)
        {
          g_hash_table_insert (importer.event_ids, id, GUINT_TO_POINTER (i + 1));
          g_hash_table_insert (taken_event_ids, g_strdup (id), GUINT_TO_POINTER (2));
        }
      g_ptr_array_add (ids, id);
    }

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = single ? root : json_array_get_element (features, i);
      g_autofree char *path = single ? g_strdup ("") : g_strdup_printf ("features[%u]", i);
      g_autofree char *generated = NULL;
      JsonObject *feature;
      const char *type, *id;

      feature = atlas_json_expect_object (node, path, &importer.problems);
      if (feature == NULL)
        continue;

      type = atlas_json_get_string (feature, "type", path, FALSE, &importer.problems);
      if (type != NULL && !g_str_equal (type, "Feature"))
        {
          g_autofree char *where = atlas_json_path_member (path, "type");

          atlas_problems_add (&importer.problems, where,
                              _("expected \"Feature\", got \"%s\""), type);
          continue;
        }

      id = g_ptr_array_index (ids, i);
      if (id == NULL)
        {
          generated = g_strdup_printf ("feature-%u", i + 1);
          id = atlas_import_unique_id (taken_event_ids, generated);
        }
      read_feature (&importer, feature, path, i, id);
    }

  if (!atlas_import_check_problems (&importer.problems, display_name, error))
    return NULL;

  return g_steal_pointer (&document_node);
}

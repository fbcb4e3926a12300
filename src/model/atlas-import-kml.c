/* atlas-import-kml.c — KML placemarks (Google Earth, My Maps) as an event-atlas document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each Placemark becomes a GeoJSON feature (its geometry, its TimeStamp or
 * TimeSpan, its name, description and ExtendedData as properties), and the
 * collection is read by the GeoJSON importer, so both formats give the same kind
 * of events.  Problems found there are told at the Placemark's line.
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "atlas-dataset.h"
#include "atlas-import-geojson.h"
#include "atlas-import-kml.h"
#include "atlas-import-timelinejs.h"
#include "atlas-import-util.h"
#include "atlas-json.h"

/* KML documents nest Folders and MultiGeometry; deeper than this is not a map */
#define MAX_DEPTH 64

typedef struct
{
  const char        *display_name;
  GMarkupParseContext *context;
  AtlasProblems      problems;

  GPtrArray         *elements;        /* names of the open elements (local names) */
  GString           *text;            /* character data of the innermost element */
  GPtrArray         *folders;         /* names of the open Folders, NULL when unnamed */

  JsonArray         *features;
  GArray            *feature_lines;   /* guint line of each feature's Placemark */
  char              *document_name;
  char              *document_description;

  /* the Placemark being read, or NULL */
  JsonObject        *properties;
  JsonArray         *geometries;      /* GeoJSON geometry objects */
  guint              placemark_line;
  char              *placemark_id;    /* its id attribute, or NULL */
  char              *data_name;       /* ExtendedData/Data@name or SimpleData@name */
  gboolean           in_outer_ring;
  gboolean           in_inner_ring;
} Kml;

static void
kml_clear (Kml *kml)
{
  atlas_problems_clear (&kml->problems);
  g_clear_pointer (&kml->context, g_markup_parse_context_free);
  g_clear_pointer (&kml->elements, g_ptr_array_unref);
  if (kml->text != NULL)
    g_string_free (kml->text, TRUE);
  g_clear_pointer (&kml->folders, g_ptr_array_unref);
  g_clear_pointer (&kml->features, json_array_unref);
  g_clear_pointer (&kml->feature_lines, g_array_unref);
  g_clear_pointer (&kml->document_name, g_free);
  g_clear_pointer (&kml->document_description, g_free);
  g_clear_pointer (&kml->properties, json_object_unref);
  g_clear_pointer (&kml->geometries, json_array_unref);
  g_clear_pointer (&kml->data_name, g_free);
  g_clear_pointer (&kml->placemark_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Kml, kml_clear)

gboolean
atlas_import_kml_sniff (const char *data,
                        gsize       length)
{
  gsize n = MIN (length, 4096);

  while (n > 0 && g_ascii_isspace (*data))
    {
      data++;
      n--;
    }
  if (n == 0 || *data != '<')
    return FALSE;
  return g_strstr_len (data, (gssize) n, "<kml") != NULL;
}

/* "kml:Placemark" → "Placemark" */
static const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');

  return colon != NULL ? colon + 1 : name;
}

static const char *
parent_element (Kml  *kml,
                guint up)
{
  if (kml->elements->len < up + 1)
    return "";
  return g_ptr_array_index (kml->elements, kml->elements->len - 1 - up);
}

static guint
current_line (Kml *kml)
{
  int line = 0;

  g_markup_parse_context_get_position (kml->context, &line, NULL);
  return (guint) MAX (line, 0);
}

static void
add_problem (Kml        *kml,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

/* "LINE: message"; the display name is put in front at the end */
static void
add_problem (Kml        *kml,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  g_autofree char *where = g_strdup_printf ("%u", current_line (kml));
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  atlas_problems_add (&kml->problems, where, "%s", message);
}

/* "lon,lat[,alt] lon,lat[,alt] …" → [[lon, lat], …]; NULL (problem told) on junk */
static JsonArray *
parse_coordinates (Kml        *kml,
                   const char *text)
{
  g_auto(GStrv) tuples = g_strsplit_set (text, " \t\r\n", -1);
  JsonArray *positions = json_array_new ();

  for (guint i = 0; tuples[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      JsonArray *position;
      double value[2];
      guint n;

      if (*tuples[i] == '\0')
        continue;
      parts = g_strsplit (tuples[i], ",", -1);
      n = g_strv_length (parts);
      for (guint j = 0; j < 2 && j < n; j++)
        {
          char *end;

          value[j] = g_ascii_strtod (parts[j], &end);
          if (*parts[j] == '\0' || *end != '\0' || !isfinite (value[j]))
            n = 0;
        }
      if (n < 2 || n > 3)
        {
          add_problem (kml, _("coordinates: expected lon,lat or lon,lat,altitude, got \"%s\""),
                       tuples[i]);
          json_array_unref (positions);
          return NULL;
        }
      position = json_array_sized_new (2);
      json_array_add_double_element (position, value[0]);
      json_array_add_double_element (position, value[1]);
      json_array_add_array_element (positions, position);
    }

  if (json_array_get_length (positions) == 0)
    {
      add_problem (kml, "%s", _("coordinates: no position given"));
      json_array_unref (positions);
      return NULL;
    }
  return positions;
}

static void
add_geometry (Kml        *kml,
              const char *type,
              JsonNode   *coordinates)
{
  JsonObject *geometry = json_object_new ();

  json_object_set_string_member (geometry, "type", type);
  json_object_set_member (geometry, "coordinates", coordinates);
  json_array_add_object_element (kml->geometries, geometry);
}

/* </coordinates> inside a Point, LineString or the outer ring of a Polygon */
static void
end_coordinates (Kml *kml)
{
  const char *shape = parent_element (kml, 1);
  JsonArray *positions;
  JsonNode *node;

  if (kml->geometries == NULL || kml->in_inner_ring)
    return;
  positions = parse_coordinates (kml, kml->text->str);
  if (positions == NULL)
    return;
  node = json_node_init_array (json_node_alloc (), positions);
  json_array_unref (positions);

  if (g_str_equal (shape, "Point"))
    {
      JsonNode *first = json_node_copy (json_array_get_element (json_node_get_array (node), 0));

      json_node_unref (node);
      add_geometry (kml, "Point", first);
    }
  else if (g_str_equal (shape, "LineString"))
    add_geometry (kml, "LineString", node);
  else if (g_str_equal (shape, "LinearRing") && kml->in_outer_ring)
    {
      JsonArray *rings = json_array_new ();

      json_array_add_element (rings, node);
      add_geometry (kml, "Polygon", json_node_init_array (json_node_alloc (), rings));
      json_array_unref (rings);
    }
  else
    json_node_unref (node);
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element_name,
               const char          **attribute_names,
               const char          **attribute_values,
               gpointer              user_data,
               GError              **error)
{
  Kml *kml = user_data;
  const char *name = local_name (element_name);

  if (kml->elements->len >= MAX_DEPTH)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   _("elements nested deeper than %d levels"), MAX_DEPTH);
      return;
    }
  if (kml->elements->len == 0 && !g_str_equal (name, "kml"))
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   _("expected a <kml> document, got <%s>"), element_name);
      return;
    }

  g_ptr_array_add (kml->elements, g_strdup (name));
  g_string_truncate (kml->text, 0);

  if (g_str_equal (name, "Placemark"))
    {
      if (kml->properties != NULL)
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "%s",
                       _("a Placemark inside a Placemark"));
          return;
        }
      kml->properties = json_object_new ();
      kml->geometries = json_array_new ();
      kml->placemark_line = current_line (kml);
      g_clear_pointer (&kml->placemark_id, g_free);
      for (guint i = 0; attribute_names[i] != NULL; i++)
        if (g_str_equal (attribute_names[i], "id") && *attribute_values[i] != '\0')
          kml->placemark_id = g_strdup (attribute_values[i]);
    }
  else if (g_str_equal (name, "Folder"))
    g_ptr_array_add (kml->folders, NULL);
  else if (g_str_equal (name, "outerBoundaryIs"))
    kml->in_outer_ring = TRUE;
  else if (g_str_equal (name, "innerBoundaryIs"))
    kml->in_inner_ring = TRUE;
  else if (g_str_equal (name, "Data") || g_str_equal (name, "SimpleData"))
    {
      const char *data_name = NULL;

      for (guint i = 0; attribute_names[i] != NULL; i++)
        if (g_str_equal (attribute_names[i], "name"))
          data_name = attribute_values[i];
      g_free (kml->data_name);
      kml->data_name = g_strdup (data_name);
    }
}

/* the text of the element just closed, as plain text (KML text may be HTML) */
static char *
plain_text (Kml *kml)
{
  g_autofree char *html = atlas_import_html_to_text (kml->text->str);

  return g_strdup (g_strstrip (html));
}

static void
set_property (Kml        *kml,
              const char *key,
              char       *value)   /* taken */
{
  if (*value != '\0' && !json_object_has_member (kml->properties, key))
    json_object_set_string_member (kml->properties, key, value);
  g_free (value);
}

static void
end_placemark (Kml *kml)
{
  JsonObject *feature = json_object_new ();
  guint n = json_array_get_length (kml->geometries);
  const char *folder = NULL;

  /* a span with only its end: the end is the time known */
  if (json_object_has_member (kml->properties, "end")
      && !json_object_has_member (kml->properties, "start"))
    {
      json_object_set_string_member (kml->properties, "start",
                                     json_object_get_string_member (kml->properties, "end"));
      json_object_remove_member (kml->properties, "end");
    }

  json_object_set_string_member (feature, "type", "Feature");
  if (kml->placemark_id != NULL)
    json_object_set_string_member (feature, "id", kml->placemark_id);
  if (n == 1)
    json_object_set_member (feature, "geometry",
                            json_node_copy (json_array_get_element (kml->geometries, 0)));
  else if (n > 1)
    {
      JsonObject *collection = json_object_new ();

      json_object_set_string_member (collection, "type", "GeometryCollection");
      json_object_set_array_member (collection, "geometries",
                                    json_array_ref (kml->geometries));
      json_object_set_object_member (feature, "geometry", collection);
    }
  else
    json_object_set_null_member (feature, "geometry");

  /* the innermost named Folder: My Maps keeps one layer per folder */
  for (guint i = kml->folders->len; i > 0 && folder == NULL; i--)
    folder = g_ptr_array_index (kml->folders, i - 1);
  if (folder != NULL && !json_object_has_member (kml->properties, "category"))
    json_object_set_string_member (kml->properties, "category", folder);

  json_object_set_object_member (feature, "properties", g_steal_pointer (&kml->properties));
  g_clear_pointer (&kml->geometries, json_array_unref);
  json_array_add_object_element (kml->features, feature);
  g_array_append_val (kml->feature_lines, kml->placemark_line);
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element_name,
             gpointer              user_data,
             GError              **error)
{
  Kml *kml = user_data;
  const char *name = local_name (element_name);
  const char *parent = parent_element (kml, 1);

  /* a Placemark whose coordinates were wrong is read on without them, so that its
   * other problems are told too; the document is refused all the same */
  if (g_str_equal (name, "Placemark"))
    end_placemark (kml);
  else if (g_str_equal (name, "Folder"))
    g_ptr_array_set_size (kml->folders, kml->folders->len - 1);
  else if (g_str_equal (name, "outerBoundaryIs"))
    kml->in_outer_ring = FALSE;
  else if (g_str_equal (name, "innerBoundaryIs"))
    kml->in_inner_ring = FALSE;
  else if (g_str_equal (name, "coordinates"))
    end_coordinates (kml);
  else if (kml->properties != NULL)
    {
      /* inside a Placemark */
      if (g_str_equal (name, "name") && g_str_equal (parent, "Placemark"))
        set_property (kml, "name", plain_text (kml));
      else if (g_str_equal (name, "description") && g_str_equal (parent, "Placemark"))
        set_property (kml, "description", plain_text (kml));
      else if (g_str_equal (name, "when") && g_str_equal (parent, "TimeStamp"))
        set_property (kml, "start", g_strstrip (g_strdup (kml->text->str)));
      else if (g_str_equal (name, "begin") && g_str_equal (parent, "TimeSpan"))
        set_property (kml, "start", g_strstrip (g_strdup (kml->text->str)));
      else if (g_str_equal (name, "end") && g_str_equal (parent, "TimeSpan"))
        set_property (kml, "end", g_strstrip (g_strdup (kml->text->str)));
      else if (g_str_equal (name, "address") && g_str_equal (parent, "Placemark"))
        set_property (kml, "address", plain_text (kml));
      else if ((g_str_equal (name, "value") && g_str_equal (parent, "Data"))
               || g_str_equal (name, "SimpleData"))
        {
          if (kml->data_name != NULL && *kml->data_name != '\0')
            set_property (kml, kml->data_name, plain_text (kml));
        }
    }
  else if (g_str_equal (name, "name") && g_str_equal (parent, "Document")
           && kml->document_name == NULL)
    kml->document_name = plain_text (kml);
  else if (g_str_equal (name, "description") && g_str_equal (parent, "Document")
           && kml->document_description == NULL)
    kml->document_description = plain_text (kml);
  else if (g_str_equal (name, "name") && g_str_equal (parent, "Folder") && kml->folders->len > 0
           && g_ptr_array_index (kml->folders, kml->folders->len - 1) == NULL)
    {
      char *folder = plain_text (kml);

      if (*folder != '\0')
        g_ptr_array_index (kml->folders, kml->folders->len - 1) = folder;
      else
        g_free (folder);
    }

  g_ptr_array_set_size (kml->elements, kml->elements->len - 1);
  g_string_truncate (kml->text, 0);
}

static void
text (GMarkupParseContext  *context,
      const char           *text_data,
      gsize                 text_len,
      gpointer              user_data,
      GError              **error)
{
  Kml *kml = user_data;

  g_string_append_len (kml->text, text_data, (gssize) text_len);
}

/* ".properties.start: …" → "Placemark: start: …"; ".geometry.coordinates[0]: …" →
 * "Placemark: coordinates: …" */
static void
append_placemark (GString    *out,
                  const char *rest)
{
  g_string_append (out, "Placemark: ");
  if (g_str_has_prefix (rest, ".properties."))
    rest += strlen (".properties.");
  else if (g_str_has_prefix (rest, ".geometry") && strstr (rest, ": ") != NULL)
    {
      g_string_append (out, "coordinates: ");
      rest = strstr (rest, ": ") + 2;
    }
  else if (*rest == '.')
    rest++;
  g_string_append (out, rest);
}

JsonNode *
atlas_import_kml (const char  *data,
                  gsize        length,
                  const char  *display_name,
                  GError     **error)
{
  static const GMarkupParser parser = { start_element, end_element, text, NULL, NULL };
  g_auto(Kml) kml = { 0 };
  g_autoptr(GError) markup_error = NULL;
  g_autoptr(GError) import_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *collection;
  JsonNode *imported;

  g_return_val_if_fail (display_name != NULL, NULL);

  kml.display_name = display_name;
  atlas_problems_init (&kml.problems);
  kml.elements = g_ptr_array_new_with_free_func (g_free);
  kml.folders = g_ptr_array_new_with_free_func (g_free);
  kml.text = g_string_new (NULL);
  kml.features = json_array_new ();
  kml.feature_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  kml.context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &kml, NULL);

  if (!g_markup_parse_context_parse (kml.context, data, (gssize) length, &markup_error)
      || !g_markup_parse_context_end_parse (kml.context, &markup_error))
    {
      int line = 0, column = 0;

      const char *message = markup_error->message;
      g_autofree char *valid = NULL;

      /* GMarkup says "Error on line 2 char 51: …"; the position goes in front */
      if (g_str_has_prefix (message, "Error on line ") && strstr (message, ": ") != NULL)
        message = strstr (message, ": ") + 2;
      /* it quotes what it could not read, which may end inside a character */
      valid = g_utf8_make_valid (message, -1);
      g_markup_parse_context_get_position (kml.context, &line, &column);
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_SYNTAX, "%s:%d:%d: %s",
                   display_name, line, column, valid);
      return NULL;
    }

  if (kml.problems.n_problems == 0 && json_array_get_length (kml.features) == 0)
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID,
                   _("%s: a KML document without placemarks"), display_name);
      return NULL;
    }

  collection = json_object_new ();
  json_object_set_string_member (collection, "type", "FeatureCollection");
  if (kml.document_name != NULL && *kml.document_name != '\0')
    json_object_set_string_member (collection, "name", kml.document_name);
  json_object_set_array_member (collection, "features", g_steal_pointer (&kml.features));
  root = json_node_init_object (json_node_alloc (), collection);
  json_object_unref (collection);

  imported = atlas_import_geojson (root, display_name, &import_error);
  imported = atlas_import_finish_converted (imported, import_error, &kml.problems, display_name,
                                           "features", kml.feature_lines, append_placemark,
                                           error);
  if (imported == NULL)
    return NULL;

  if (kml.document_description != NULL && *kml.document_description != '\0')
    json_object_set_string_member (json_node_get_object (imported), "description",
                                   kml.document_description);
  return imported;
}

/* atlas-import-util.c — small helpers shared by the importers and the loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-dataset.h"
#include "atlas-import-util.h"
#include "atlas-time.h"

char *
atlas_import_scalar_to_text (JsonNode *node)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));

    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");

    case G_TYPE_DOUBLE:
      value = json_node_get_double (node);
      for (int digits = 15; digits <= 17; digits++)
        {
          g_ascii_formatd (buffer, sizeof buffer, digits == 15 ? "%.15g"
                                                  : digits == 16 ? "%.16g" : "%.17g", value);
          if (g_ascii_strtod (buffer, NULL) == value)
            break;
        }
      return g_strdup (buffer);

    default:
      return NULL;
    }
}

char *
atlas_import_slugify (const char *text,
                      const char *fallback)
{
  GString *slug = g_string_new (NULL);
  gboolean dash = FALSE;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (dash && slug->len > 0)
            g_string_append_c (slug, '-');
          dash = FALSE;
          g_string_append_unichar (slug, g_unichar_tolower (c));
        }
      else
        dash = TRUE;
    }

  if (slug->len == 0)
    g_string_assign (slug, fallback);

  return g_string_free (slug, FALSE);
}

const char *
atlas_import_unique_id (GHashTable *taken,
                        const char *base)
{
  gpointer key, value;
  char *id;
  guint n;

  /* an id's value is the next suffix to try after it, so that ten thousand places
   * named alike do not each try every suffix before them */
  if (!g_hash_table_lookup_extended (taken, base, &key, &value))
    {
      id = g_strdup (base);
      g_hash_table_insert (taken, id, GUINT_TO_POINTER (2));
      return id;
    }

  n = MAX (GPOINTER_TO_UINT (value), 2);
  for (id = g_strdup_printf ("%s-%u", base, n); g_hash_table_contains (taken, id);
       id = g_strdup_printf ("%s-%u", base, n))
    {
      g_free (id);
      n++;
    }

  /* the table keeps its own key for @base and frees this copy */
  g_hash_table_insert (taken, g_strdup (base), GUINT_TO_POINTER (n + 1));
  g_hash_table_insert (taken, id, GUINT_TO_POINTER (2));
  return id;
}

JsonObject *
atlas_import_new_document (JsonNode   **root,
                           const char  *title)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "format", "event-atlas");
  json_object_set_int_member (object, "version", 1);
  if (title != NULL)
    json_object_set_string_member (object, "title", title);
  json_object_set_array_member (object, "sources", json_array_new ());
  json_object_set_array_member (object, "actors", json_array_new ());
  json_object_set_array_member (object, "locations", json_array_new ());
  json_object_set_array_member (object, "events", json_array_new ());

  *root = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return object;
}

/* FALSE with @error (@code) saying every problem, when there are any */
static gboolean
check_problems (AtlasProblems  *problems,
                const char     *display_name,
                const char     *separator,
                int             code,
                GError        **error)
{
  g_autofree char *message = NULL;

  if (problems->n_problems == 0)
    return TRUE;

  message = atlas_problems_join (problems, display_name, separator);
  g_set_error_literal (error, ATLAS_DATASET_ERROR, code, message);
  return FALSE;
}

gboolean
atlas_import_check_problems (AtlasProblems  *problems,
                             const char     *display_name,
                             GError        **error)
{
  return check_problems (problems, display_name, ": ", ATLAS_DATASET_ERROR_INVALID, error);
}

gboolean
atlas_import_check_line_problems (AtlasProblems  *problems,
                                  const char     *display_name,
                                  int             code,
                                  GError        **error)
{
  return check_problems (problems, display_name, ":", code, error);
}

static const char * const month_names[] = {
  "january", "february", "march", "april", "may", "june", "july", "august", "september",
  "october", "november", "december",
};

/* 1–12 for a month name or its first 3 or more letters (a final "." allowed), else 0 */
static guint
month_of (const char *word)
{
  gsize n = strlen (word);

  if (n > 0 && word[n - 1] == '.')
    n--;
  if (n < 3)
    return 0;
  for (guint m = 0; m < G_N_ELEMENTS (month_names); m++)
    if (n <= strlen (month_names[m]) && g_ascii_strncasecmp (word, month_names[m], n) == 0)
      return m + 1;
  return 0;
}

/* a number of at most @max_digits digits, the whole word (a final "," allowed) */
static gboolean
number_of (const char *word,
           guint       max_digits,
           guint      *out)
{
  gsize n = strlen (word);
  guint value = 0;

  if (n > 0 && word[n - 1] == ',')
    n--;
  if (n == 0 || n > max_digits)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (word[i]))
        return FALSE;
      value = value * 10 + (guint) (word[i] - '0');
    }
  *out = value;
  return TRUE;
}

char *
atlas_import_parse_written_date (const char *text)
{
  g_autofree char *trimmed = NULL;
  g_auto(GStrv) words = NULL;
  g_autofree char *iso = NULL;
  AtlasTimeParse parse;
  guint day = 0, month = 0, year = 0, n;

  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  if (atlas_time_parse (trimmed, &parse, NULL))
    return g_steal_pointer (&trimmed);

  words = g_strsplit_set (trimmed, " \t", -1);
  n = 0;
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      words[n++] = words[i];
    else
      g_free (words[i]);
  words[n] = NULL;

  if (n == 3 && number_of (words[0], 2, &day) && (month = month_of (words[1])) != 0 &&
      number_of (words[2], 4, &year) && strlen (words[2]) == 4)
    iso = g_strdup_printf ("%04u-%02u-%02u", year, month, day);
  else if (n == 3 && (month = month_of (words[0])) != 0 && number_of (words[1], 2, &day) &&
           number_of (words[2], 4, &year) && strlen (words[2]) == 4)
    iso = g_strdup_printf ("%04u-%02u-%02u", year, month, day);
  else if (n == 2 && (month = month_of (words[0])) != 0 && number_of (words[1], 4, &year) &&
           strlen (words[1]) == 4)
    iso = g_strdup_printf ("%04u-%02u", year, month);
  else
    return NULL;

  if (year == 0 || !atlas_time_parse (iso, &parse, NULL))
    return NULL;
  return g_steal_pointer (&iso);
}

static guint
line_of (const char *message,
         gsize       prefix_length)
{
  return (guint) g_ascii_strtoull (message + prefix_length, NULL, 10);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  gsize prefix_length = GPOINTER_TO_SIZE (user_data);
  const char *la = *(const char * const *) a;
  const char *lb = *(const char * const *) b;
  guint line_a = line_of (la, prefix_length), line_b = line_of (lb, prefix_length);

  /* "NAME: … and N more problems" (no line) last */
  if (line_a == 0 || line_b == 0)
    return (line_a == 0) - (line_b == 0);
  return line_a < line_b ? -1 : line_a > line_b;
}

/* the lines of both messages, in the order of the lines they are about */
static char *
merge_line_messages (const char *display_name,
                                  const char *first,
                                  const char *second)
{
  g_autofree char *both = g_strconcat (first, "\n", second, NULL);
  g_auto(GStrv) lines = g_strsplit (both, "\n", -1);
  g_autofree char *prefix = g_strconcat (display_name, ":", NULL);
  guint n = g_strv_length (lines);

  /* a stable sort: the problems of one row keep their order */
  g_qsort_with_data (lines, (gint) n, sizeof (char *), compare_lines,
                     GSIZE_TO_POINTER (strlen (prefix)));
  return g_strjoinv ("\n", lines);
}

/* "NAME: events[3].end_date: …" → "NAME:LINE: " and what @rewrite makes of the rest */
static char *
index_to_line (const char             *message,
                            const char             *display_name,
                            const char             *array,
                            GArray                 *lines,
                            AtlasImportRewriteFunc  rewrite)
{
  g_auto(GStrv) parts = g_strsplit (message, "\n", -1);
  g_autofree char *prefix = g_strdup_printf ("%s: %s[", display_name, array);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *line = parts[i];
      char *end;
      guint64 index;

      if (i > 0)
        g_string_append_c (out, '\n');
      if (!g_str_has_prefix (line, prefix))
        {
          g_string_append (out, line);
          continue;
        }
      index = g_ascii_strtoull (line + strlen (prefix), &end, 10);
      if (*end != ']' || index >= lines->len)
        {
          g_string_append (out, line);
          continue;
        }
      g_string_append_printf (out, "%s:%u: ", display_name, g_array_index (lines, guint, index));
      rewrite (out, end + 1);
    }

  return g_string_free (out, FALSE);
}

void
atlas_import_add_line_problem (AtlasProblems *problems,
                               guint          line,
                               const char    *column,
                               const char    *format,
                               ...)
{
  g_autofree char *message = NULL;
  g_autofree char *where = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (column != NULL)
    where = g_strdup_printf ("%u: %s %s", line, _("column"), column);
  else
    where = g_strdup_printf ("%u", line);
  atlas_problems_add (problems, where, "%s", message);
}

const char *
atlas_import_location (JsonArray   *locations,
                       GHashTable  *by_key,
                       GHashTable  *taken,
                       const char  *key,
                       const char  *name,
                       const char  *fallback,
                       double       lat,
                       double       lon,
                       JsonObject **created)
{
  const char *id = g_hash_table_lookup (by_key, key);
  g_autofree char *slug = NULL;
  JsonObject *location;

  *created = NULL;
  if (id != NULL)
    return id;

  slug = atlas_import_slugify (name, fallback);
  id = atlas_import_unique_id (taken, slug);
  g_hash_table_insert (by_key, g_strdup (key), (gpointer) id);

  location = json_object_new ();
  json_object_set_string_member (location, "id", id);
  json_object_set_string_member (location, "name", name);
  json_object_set_double_member (location, "lat", lat);
  json_object_set_double_member (location, "lon", lon);
  json_array_add_object_element (locations, location);
  *created = location;
  return id;
}

JsonNode *
atlas_import_finish_converted (JsonNode               *imported,
                               const GError           *import_error,
                               AtlasProblems          *problems,
                               const char             *display_name,
                               const char             *array,
                               GArray                 *lines,
                               AtlasImportRewriteFunc  rewrite,
                               GError                **error)
{
  g_autoptr(JsonNode) result = imported;
  g_autofree char *converted = NULL;
  g_autofree char *original = NULL;

  if (problems->n_problems == 0 && import_error == NULL)
    return g_steal_pointer (&result);

  if (problems->n_problems > 0)
    original = atlas_problems_join (problems, display_name, ":");
  if (import_error != NULL)
    converted = index_to_line (import_error->message, display_name, array, lines, rewrite);

  if (original == NULL)
    g_set_error_literal (error, import_error->domain, import_error->code, converted);
  else if (converted == NULL)
    g_set_error_literal (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID, original);
  else
    {
      g_autofree char *both = merge_line_messages (display_name, original, converted);

      g_set_error_literal (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID, both);
    }
  return NULL;
}

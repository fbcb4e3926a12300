/* atlas-json.c — typed JSON getters that record a problem with its JSON path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "atlas-json.h"

void
atlas_problems_init (AtlasProblems *problems)
{
  problems->lines = g_ptr_array_new_with_free_func (g_free);
  problems->n_problems = 0;
}

void
atlas_problems_clear (AtlasProblems *problems)
{
  g_clear_pointer (&problems->lines, g_ptr_array_unref);
  problems->n_problems = 0;
}

void
atlas_problems_add (AtlasProblems *problems,
                    const char    *path,
                    const char    *format,
                    ...)
{
  va_list args;
  g_autofree char *message = NULL;

  problems->n_problems++;
  if (problems->lines->len >= ATLAS_JSON_MAX_PROBLEMS)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (path != NULL && *path != '\0')
    g_ptr_array_add (problems->lines, g_strdup_printf ("%s: %s", path, message));
  else
    g_ptr_array_add (problems->lines, g_steal_pointer (&message));
}

char *
atlas_problems_to_string (AtlasProblems *problems,
                          const char    *display_name)
{
  return atlas_problems_join (problems, display_name, ": ");
}

char *
atlas_problems_join (AtlasProblems *problems,
                     const char    *display_name,
                     const char    *separator)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < problems->lines->len; i++)
    {
      if (i > 0)
        g_string_append_c (str, '\n');
      g_string_append_printf (str, "%s%s%s", display_name, separator,
                              (const char *) g_ptr_array_index (problems->lines, i));
    }

  if (problems->n_problems > problems->lines->len)
    {
      guint more = problems->n_problems - problems->lines->len;

      g_string_append_c (str, '\n');
      g_string_append_printf (str,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%s: … and %u more problem",
                                           "%s: … and %u more problems", more),
                              display_name, more);
    }

  return g_string_free (str, FALSE);
}

char *
atlas_json_path_member (const char *path,
                        const char *member)
{
  if (path == NULL || *path == '\0')
    return g_strdup (member);
  return g_strconcat (path, ".", member, NULL);
}

/* "%s[%u]" written by hand: the loader makes one of these for every entry of
 * every array it reads, and printf would be a tenth of its own work */
char *
atlas_json_path_index (const char *path,
                       guint       index)
{
  char digits[16];
  gsize n_digits = 0, length;
  char *result, *p;

  if (path == NULL)
    return g_strdup_printf ("%s[%u]", path, index);

  do
    {
      digits[n_digits++] = (char) ('0' + index % 10);
      index /= 10;
    }
  while (index > 0);

  length = strlen (path);
  result = g_malloc (length + n_digits + 3);
  memcpy (result, path, length);
  p = result + length;
  *p++ = '[';
  while (n_digits > 0)
    *p++ = digits[--n_digits];
  *p++ = ']';
  *p = '\0';
  return result;
}

const char *
atlas_json_describe_node (JsonNode *node)
{
  if (node == NULL)
    return _("nothing");

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          return _("a string");
        if (type == G_TYPE_BOOLEAN)
          return _("a boolean");
        return _("a number");
      }
    }
}

static void
wrong_type (AtlasProblems *problems,
            const char    *path,
            const char    *expected,
            JsonNode      *node)
{
  /* Translators: "expected a string, got a number" */
  atlas_problems_add (problems, path, _("expected %s, got %s"), expected,
                      atlas_json_describe_node (node));
}

/* Looks @member up; records a missing required member. */
static JsonNode *
lookup (JsonObject    *object,
        const char    *member,
        const char    *path,
        gboolean       required,
        AtlasProblems *problems)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL && required)
    {
      g_autofree char *where = atlas_json_path_member (path, member);

      atlas_problems_add (problems, where, "%s", _("a required member is missing"));
    }

  return node;
}

JsonObject *
atlas_json_expect_object (JsonNode      *node,
                          const char    *path,
                          AtlasProblems *problems)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      wrong_type (problems, path, _("an object"), node);
      return NULL;
    }

  return json_node_get_object (node);
}

const char *
atlas_json_expect_string (JsonNode      *node,
                          const char    *path,
                          gsize          max_bytes,
                          AtlasProblems *problems)
{
  const char *str;
  gsize len;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      wrong_type (problems, path, _("a string"), node);
      return NULL;
    }

  str = json_node_get_string (node);
  len = strlen (str);
  if (len > max_bytes)
    {
      atlas_problems_add (problems, path,
                          _("string too long (%zu bytes; the limit is %zu)"),
                          len, max_bytes);
      return NULL;
    }

  return str;
}

const char *
atlas_json_get_text (JsonObject    *object,
                     const char    *member,
                     const char    *path,
                     gboolean       required,
                     gsize          max_bytes,
                     AtlasProblems *problems)
{
  JsonNode *node = lookup (object, member, path, required, problems);
  g_autofree char *where = NULL;

  if (node == NULL)
    return NULL;

  /* the usual case, without making the path a problem would need */
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *str = json_node_get_string (node);

      if (strlen (str) <= max_bytes)
        return str;
    }

  where = atlas_json_path_member (path, member);
  return atlas_json_expect_string (node, where, max_bytes, problems);
}

const char *
atlas_json_get_string (JsonObject    *object,
                       const char    *member,
                       const char    *path,
                       gboolean       required,
                       AtlasProblems *problems)
{
  return atlas_json_get_text (object, member, path, required, ATLAS_JSON_MAX_STRING, problems);
}

const char *
atlas_json_get_id (JsonObject    *object,
                   const char    *member,
                   const char    *path,
                   AtlasProblems *problems)
{
  const char *id = atlas_json_get_string (object, member, path, TRUE, problems);

  if (id != NULL && *id == '\0')
    {
      g_autofree char *where = atlas_json_path_member (path, member);

      atlas_problems_add (problems, where, "%s", _("must not be empty"));
      return NULL;
    }

  return id;
}

gboolean
atlas_json_get_int (JsonObject    *object,
                    const char    *member,
                    const char    *path,
                    gboolean       required,
                    gint64        *out,
                    AtlasProblems *problems)
{
  JsonNode *node = lookup (object, member, path, required, problems);

  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_autofree char *where = atlas_json_path_member (path, member);

      wrong_type (problems, where, _("an integer"), node);
      return FALSE;
    }

  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
atlas_json_get_double (JsonObject    *object,
                       const char    *member,
                       const char    *path,
                       gboolean       required,
                       double        *out,
                       AtlasProblems *problems)
{
  JsonNode *node = lookup (object, member, path, required, problems);
  GType type;
  double value;

  if (node == NULL)
    return FALSE;

  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    {
      g_autofree char *where = atlas_json_path_member (path, member);

      wrong_type (problems, where, _("a number"), node);
      return FALSE;
    }

  value = type == G_TYPE_INT64 ? (double) json_node_get_int (node) : json_node_get_double (node);
  if (!isfinite (value))
    {
      g_autofree char *where = atlas_json_path_member (path, member);

      atlas_problems_add (problems, where, "%s", _("expected a finite number"));
      return FALSE;
    }

  *out = value;
  return TRUE;
}

JsonArray *
atlas_json_get_array (JsonObject    *object,
                      const char    *member,
                      const char    *path,
                      gboolean       required,
                      AtlasProblems *problems)
{
  JsonNode *node = lookup (object, member, path, required, problems);
  JsonArray *array;
  guint len;

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *where = atlas_json_path_member (path, member);

      wrong_type (problems, where, _("an array"), node);
      return NULL;
    }

  array = json_node_get_array (node);
  len = json_array_get_length (array);
  if (len > ATLAS_JSON_MAX_ARRAY)
    {
      g_autofree char *where = atlas_json_path_member (path, member);

      atlas_problems_add (problems, where, _("too many entries (%u; the limit is %u)"),
                          len, ATLAS_JSON_MAX_ARRAY);
      return NULL;
    }

  return array;
}

JsonObject *
atlas_json_get_object (JsonObject    *object,
                       const char    *member,
                       const char    *path,
                       gboolean       required,
                       AtlasProblems *problems)
{
  JsonNode *node = lookup (object, member, path, required, problems);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *where = atlas_json_path_member (path, member);

      wrong_type (problems, where, _("an object"), node);
      return NULL;
    }

  return json_node_get_object (node);
}

void
atlas_json_unknown_word (AtlasProblems *problems,
                         const char    *path,
                         const char    *member,
                         const char    *word,
                         const char    *allowed)
{
  g_autofree char *where = atlas_json_path_member (path, member);

  /* Translators: "unknown word "soldier" (expected one of: person, government, …)" */
  atlas_problems_add (problems, where, _("unknown word \"%s\" (expected one of: %s)"),
                      word, allowed);
}

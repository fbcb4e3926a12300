/* atlas-import-timelinejs.c — a TimelineJS timeline as an event-atlas document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-import-timelinejs.h"
#include "atlas-import-util.h"
#include "atlas-json.h"
#include "atlas-time.h"

typedef struct
{
  const char *name;
  int         min;
  int         max;
  char        separator;   /* before the part in ISO 8601 */
} DatePart;

static const DatePart date_parts[] = {
  { "year", 1, 9999, '\0' },
  { "month", 1, 12, '-' },
  { "day", 1, 31, '-' },
  { "hour", 0, 23, 'T' },
  { "minute", 0, 59, ':' },
  { "second", 0, 59, ':' },
};

/* ------------------------------------------------------------------------ */
/* HTML                                                                     */

static gboolean
tag_is (const char *tag,
        gsize       length,
        const char *name)
{
  gsize n = strlen (name);

  return length >= n && g_ascii_strncasecmp (tag, name, n) == 0
         && (length == n || tag[n] == ' ' || tag[n] == '/' || tag[n] == '\t'
             || tag[n] == '\n');
}

static const struct
{
  const char *name;
  gunichar    c;
} entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", 0x00A0 }, { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "hellip", 0x2026 },
  { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
  { "laquo", 0x00AB }, { "raquo", 0x00BB }, { "eacute", 0x00E9 }, { "copy", 0x00A9 },
};

/* decodes the reference at @p ("&amp;", "&#233;", "&#xE9;"); returns its length or 0 */
static gsize
decode_entity (const char *p,
               GString    *out)
{
  const char *semicolon = strchr (p, ';');
  gsize length;

  if (semicolon == NULL || semicolon - p > 10)
    return 0;
  length = (gsize) (semicolon - p) + 1;

  if (p[1] == '#')
    {
      gboolean hex = p[2] == 'x' || p[2] == 'X';
      const char *digits = p + (hex ? 3 : 2);
      char *end;
      guint64 c = g_ascii_strtoull (digits, &end, hex ? 16 : 10);

      if (end != semicolon || end == digits || c == 0 || !g_unichar_validate ((gunichar) c))
        return 0;
      g_string_append_unichar (out, (gunichar) c);
      return length;
    }

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      if (strlen (entities[i].name) == length - 2
          && strncmp (p + 1, entities[i].name, length - 2) == 0)
        {
          g_string_append_unichar (out, entities[i].c);
          return length;
        }
    }

  return 0;
}

char *
atlas_import_html_to_text (const char *html)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GString) tidy = NULL;

  g_return_val_if_fail (html != NULL, NULL);

  for (const char *p = html; *p != '\0';)
    {
      if (*p == '<')
        {
          const char *close = strchr (p, '>');
          const char *tag = p + 1;
          gsize length;
          gboolean closing = *tag == '/';

          if (close == NULL)
            {
              g_string_append (out, p);
              break;
            }
          if (closing)
            tag++;
          length = (gsize) (close - tag);

          if (tag_is (tag, length, "br"))
            g_string_append_c (out, '\n');
          else if (tag_is (tag, length, "p") || tag_is (tag, length, "div")
                   || tag_is (tag, length, "li") || tag_is (tag, length, "h1")
                   || tag_is (tag, length, "h2") || tag_is (tag, length, "h3")
                   || tag_is (tag, length, "blockquote"))
            g_string_append (out, "\n\n");
          p = close + 1;
        }
      else if (*p == '&')
        {
          gsize used = decode_entity (p, out);

          if (used == 0)
            g_string_append_c (out, *p++);
          else
            p += used;
        }
      else if (*p == '\n' || *p == '\r' || *p == '\t')
        {
          /* white space in HTML source is a space */
          g_string_append_c (out, ' ');
          p++;
        }
      else
        g_string_append_c (out, *p++);
    }

  /* no spaces around line breaks, at most one empty line, trimmed */
  tidy = g_string_sized_new (out->len);
  for (gsize i = 0; i < out->len; i++)
    {
      char c = out->str[i];

      if (c == ' ' && (tidy->len == 0 || tidy->str[tidy->len - 1] == '\n'
                       || tidy->str[tidy->len - 1] == ' '))
        continue;
      if (c == '\n')
        {
          while (tidy->len > 0 && tidy->str[tidy->len - 1] == ' ')
            g_string_truncate (tidy, tidy->len - 1);
          if (tidy->len == 0
              || (tidy->len >= 2 && tidy->str[tidy->len - 1] == '\n'
                  && tidy->str[tidy->len - 2] == '\n'))
            continue;
        }
      g_string_append_c (tidy, c);
    }
  while (tidy->len > 0 && (tidy->str[tidy->len - 1] == ' ' || tidy->str[tidy->len - 1] == '\n'))
    g_string_truncate (tidy, tidy->len - 1);

  g_string_free (out, TRUE);
  return g_strdup (tidy->str);
}

/* ------------------------------------------------------------------------ */
/* Dates                                                                    */

/* a part as a number: 2016 or "2016"; -1 when absent or empty; problem on junk */
static gboolean
read_part (JsonObject    *date,
           const DatePart *part,
           const char    *path,
           int           *out,
           AtlasProblems *problems)
{
  JsonNode *node = json_object_get_member (date, part->name);
  g_autofree char *where = NULL;
  gint64 value;

  *out = -1;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  where = atlas_json_path_member (path, part->name);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    value = json_node_get_int (node);
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (node)));
      char *end;

      if (*text == '\0')
        return TRUE;
      value = g_ascii_strtoll (text, &end, 10);
      if (*end != '\0')
        {
          atlas_problems_add (problems, where, _("expected a whole number, got \"%s\""), text);
          return FALSE;
        }
    }
  else
    {
      atlas_problems_add (problems, where, _("expected %s, got %s"), _("a whole number"),
                          atlas_json_describe_node (node));
      return FALSE;
    }

  if (value < part->min || value > part->max)
    {
      atlas_problems_add (problems, where, _("%lld is out of range (%d to %d)"),
                          (long long) value, part->min, part->max);
      return FALSE;
    }

  *out = (int) value;
  return TRUE;
}

/* {"year": …, "month": …} → "2016-12", its precision in *@precision; NULL on a
 * problem (recorded) */
static char *
read_date (JsonObject     *slide,
           const char     *member,
           const char     *path,
           gboolean        required,
           AtlasPrecision *precision,
           AtlasProblems  *problems)
{
  static const AtlasPrecision precisions[] = {
    ATLAS_PRECISION_YEAR, ATLAS_PRECISION_MONTH, ATLAS_PRECISION_DAY, ATLAS_PRECISION_HOUR,
    ATLAS_PRECISION_MINUTE, ATLAS_PRECISION_SECOND,
  };
  g_autofree char *date_path = atlas_json_path_member (path, member);
  g_autoptr(GString) iso = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  JsonObject *date;
  AtlasTimeParse parse;
  int values[G_N_ELEMENTS (date_parts)];
  int last = -1;
  gboolean ok = TRUE;

  date = atlas_json_get_object (slide, member, path, required, problems);
  if (date == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (date_parts); i++)
    ok &= read_part (date, &date_parts[i], date_path, &values[i], problems);
  if (!ok)
    return NULL;

  if (values[0] < 0)
    {
      g_autofree char *where = atlas_json_path_member (date_path, "year");

      atlas_problems_add (problems, where, "%s", _("a required member is missing"));
      return NULL;
    }

  /* the precision the parts imply: up to the first one missing */
  for (guint i = 0; i < G_N_ELEMENTS (date_parts) && values[i] >= 0; i++)
    {
      if (date_parts[i].separator != '\0')
        g_string_append_c (iso, date_parts[i].separator);
      g_string_append_printf (iso, i == 0 ? "%04d" : "%02d", values[i]);
      last = (int) i;
    }
  if (last == 3)
    g_string_append (iso, ":00");   /* an hour alone is written HH:00 */
  if (last >= 3)
    g_string_append_c (iso, 'Z');

  if (!atlas_time_parse (iso->str, &parse, &error))
    {
      atlas_problems_add (problems, date_path, "%s: %s", iso->str, error->message);
      return NULL;
    }

  *precision = precisions[last];
  return g_string_free (g_steal_pointer (&iso), FALSE);
}

/* ------------------------------------------------------------------------ */
/* Slides                                                                   */

void
atlas_import_slide_text (JsonObject     *slide,
                         const char     *path,
                         char          **headline,
                         char          **body,
                         AtlasProblems  *problems)
{
  JsonObject *text = atlas_json_get_object (slide, "text", path, FALSE, problems);
  g_autofree char *text_path = atlas_json_path_member (path, "text");
  const char *value;

  *headline = NULL;
  *body = NULL;
  if (text == NULL)
    return;

  value = atlas_json_get_string (text, "headline", text_path, FALSE, problems);
  if (value != NULL)
    *headline = atlas_import_html_to_text (value);
  value = atlas_json_get_string (text, "text", text_path, FALSE, problems);
  if (value != NULL)
    *body = atlas_import_html_to_text (value);

  if (*headline != NULL && **headline == '\0')
    g_clear_pointer (headline, g_free);
  if (*body != NULL && **body == '\0')
    g_clear_pointer (body, g_free);
}

static void
keep_string (JsonObject *from,
             const char *member,
             JsonObject *properties,
             const char *key)
{
  JsonNode *node = from != NULL ? json_object_get_member (from, member) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING
      && *json_node_get_string (node) != '\0')
    json_object_set_string_member (properties, key, json_node_get_string (node));
}

static JsonObject *
read_slide (JsonObject    *slide,
            const char    *path,
            guint          index,
            GHashTable    *taken,
            AtlasProblems *problems)
{
  JsonObject *event = json_object_new ();
  JsonObject *properties = json_object_new ();
  JsonObject *media;
  g_autofree char *headline = NULL;
  g_autofree char *body = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *base = NULL;
  AtlasPrecision start_precision = ATLAS_PRECISION_DAY, end_precision = ATLAS_PRECISION_DAY;
  const char *value;
  JsonNode *node;

  node = json_object_get_member (slide, "unique_id");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING
      && *json_node_get_string (node) != '\0')
    base = g_strdup (json_node_get_string (node));
  else
    base = g_strdup_printf ("event-%u", index + 1);
  json_object_set_string_member (event, "id", atlas_import_unique_id (taken, base));

  atlas_import_slide_text (slide, path, &headline, &body, problems);
  if (headline == NULL)
    /* Translators: the title of a TimelineJS event that has no headline */
    headline = g_strdup_printf (_("Event %u"), index + 1);
  json_object_set_string_member (event, "title", headline);
  if (body != NULL)
    json_object_set_string_member (event, "summary", body);

  start = read_date (slide, "start_date", path, TRUE, &start_precision, problems);
  if (json_object_has_member (slide, "end_date"))
    end = read_date (slide, "end_date", path, FALSE, &end_precision, problems);
  if (start != NULL && end != NULL)
    {
      AtlasTimeParse from, to;

      if (atlas_time_parse (start, &from, NULL) && atlas_time_parse (end, &to, NULL)
          && atlas_time_period_end (to.instant, to.utc_offset, to.precision) <= from.instant)
        {
          g_autofree char *where = atlas_json_path_member (path, "end_date");

          atlas_problems_add (problems, where, _("%s is before the start %s"), end, start);
        }
    }
  if (start != NULL)
    json_object_set_string_member (event, "start", start);
  if (end != NULL)
    json_object_set_string_member (event, "end", end);
  if (start_precision == ATLAS_PRECISION_HOUR)
    json_object_set_string_member (event, "date_precision", "hour");

  /* display_date is the author's own words for the time */
  value = NULL;
  node = json_object_get_member (slide, "display_date");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    value = json_node_get_string (node);
  if (value != NULL && *value != '\0')
    {
      g_autofree char *plain = atlas_import_html_to_text (value);

      json_object_set_string_member (event, "date_text", plain);
    }

  node = json_object_get_member (slide, "group");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING
      && *json_node_get_string (node) != '\0')
    json_object_set_string_member (event, "category", json_node_get_string (node));

  media = atlas_json_get_object (slide, "media", path, FALSE, problems);
  keep_string (media, "url", properties, "media");
  if (media != NULL && json_object_has_member (media, "caption"))
    {
      value = atlas_json_get_string (media, "caption", path, FALSE, problems);
      if (value != NULL && *value != '\0')
        {
          g_autofree char *plain = atlas_import_html_to_text (value);

          json_object_set_string_member (properties, "media caption", plain);
        }
    }
  keep_string (media, "credit", properties, "media credit");

  if (json_object_get_size (properties) > 0)
    json_object_set_object_member (event, "properties", properties);
  else
    json_object_unref (properties);

  return event;
}

JsonNode *
atlas_import_timelinejs (JsonNode    *root,
                         const char  *display_name,
                         GError     **error)
{
  g_autoptr(JsonNode) document_node = NULL;
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  AtlasProblems problems;
  JsonObject *object, *document, *title_slide;
  JsonArray *slides, *events;
  gboolean ok;

  g_return_val_if_fail (root != NULL && JSON_NODE_HOLDS_OBJECT (root), NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  atlas_problems_init (&problems);
  object = json_node_get_object (root);

  document = atlas_import_new_document (&document_node, NULL);
  events = json_object_get_array_member (document, "events");

  title_slide = atlas_json_get_object (object, "title", "", FALSE, &problems);
  if (title_slide != NULL)
    {
      g_autofree char *headline = NULL;
      g_autofree char *body = NULL;

      atlas_import_slide_text (title_slide, "title", &headline, &body, &problems);
      if (headline != NULL)
        json_object_set_string_member (document, "title", headline);
      if (body != NULL)
        json_object_set_string_member (document, "description", body);
    }
  if (!json_object_has_member (document, "title"))
    {
      g_autofree char *basename = g_path_get_basename (display_name);

      json_object_set_string_member (document, "title", basename);
    }

  slides = atlas_json_get_array (object, "events", "", TRUE, &problems);
  for (guint i = 0; slides != NULL && i < json_array_get_length (slides); i++)
    {
      g_autofree char *path = g_strdup_printf ("events[%u]", i);
      JsonObject *slide = atlas_json_expect_object (json_array_get_element (slides, i), path,
                                                    &problems);

      if (slide != NULL)
        json_array_add_object_element (events, read_slide (slide, path, i, taken, &problems));
    }

  ok = atlas_import_check_problems (&problems, display_name, error);
  atlas_problems_clear (&problems);
  if (!ok)
    return NULL;

  return g_steal_pointer (&document_node);
}

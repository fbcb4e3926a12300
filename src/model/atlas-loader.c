/* atlas-loader.c — reads and validates an event-atlas file into an AtlasDataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bytes are checked before json-glib sees them (size, encoding, nesting depth:
 * json-glib recurses and would overflow the stack on a deeply nested file), then
 * the document is parsed and every member validated.  Content problems are all
 * collected, each with its JSON path; any problem fails the whole load.
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atlas-actor-private.h"
#include "atlas-cache.h"
#include "atlas-dataset-private.h"
#include "atlas-event-private.h"
#include "atlas-import-acled.h"
#include "atlas-import-geojson.h"
#include "atlas-import-kml.h"
#include "atlas-import-storymapjs.h"
#include "atlas-import-timelinejs-sheet.h"
#include "atlas-import-timelinejs.h"
#include "atlas-import-util.h"
#include "atlas-json-scan.h"
#include "atlas-json.h"
#include "atlas-loader.h"
#include "atlas-location-private.h"
#include "atlas-source-private.h"
#include "atlas-time.h"

#define SIZE_LIMIT_MAX     (G_GUINT64_CONSTANT (2) << 30)   /* 2 GiB */
#define SHOWN_TEXT_CHARS   40
#define CANCEL_CHECK_EVERY 4096
/* The events of a big file are parsed in up to MAX_SLICES slices on parallel threads
 * (below MIN_PARALLEL_BYTES the threads would cost more than they save), each slice in
 * pieces of about PIECE_BYTES (each piece is copied to be parsed on its own: the copies
 * of whole slices would double the memory a big file takes) */
#define MAX_SLICES         8
#define MIN_PARALLEL_BYTES (4 * 1024 * 1024)
#define PIECE_BYTES        (4 * 1024 * 1024)

/* The bytes of the top-level "events" array, parsed apart one entry at a time so that
 * the whole tree of a big file never exists (see stream_events) */
/* A comma between two entries of the events array: its offset from the array's
 * opening bracket, and the lines before it */
typedef struct
{
  gsize offset;
  guint lines;
} SplitPoint;

typedef struct
{
  const char        *data;
  gsize              length;
  guint              n_lines;
  AtlasLoadProgress  progress;
  gpointer           progress_data;

  /* when @data is a piece of the array: the lines and bytes of the array before it,
   * and the lines and bytes progress is reported against */
  guint              base_line;
  gsize              base_pos;
  gsize              progress_length;

  /* where the array is cut into pieces read on @n_threads parallel threads (see
   * stream_events_parallel), or NULL */
  GArray            *splits;   /* of SplitPoint */
  guint              n_threads;
} EventsStream;

typedef struct
{
  const char    *display_name;
  GCancellable  *cancellable;
  AtlasProblems  problems;

  /* id → index + 1 in the arrays below (event ids belong to the events, the
   * others to the JSON tree) */
  GHashTable    *source_ids;
  GHashTable    *actor_ids;
  GHashTable    *location_ids;
  GHashTable    *event_ids;

  /* one slot per array entry, NULL when the entry is not even an object */
  GPtrArray     *sources;
  GPtrArray     *actors;
  GPtrArray     *locations;
  GPtrArray     *events;

  /* references resolved after every entry is read: index or -1 */
  GArray        *affiliations;
  GArray        *parents;

  /* the places, participants and fatalities of the event being read
   * (atlas_event_pack) */
  GArray        *event_places;
  GArray        *event_participants;
  GArray        *event_fatalities;
  /* and its strings, borrowed from the tree until atlas_event_pack */
  const char    *event_strings[ATLAS_EVENT_N_STRINGS];

  const EventsStream *stream;   /* or NULL: the events are in the tree */
} Loader;

static void
unref_object_or_null (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
loader_init (Loader       *loader,
             const char   *display_name,
             GCancellable *cancellable)
{
  memset (loader, 0, sizeof *loader);
  loader->display_name = display_name;
  loader->cancellable = cancellable;
  atlas_problems_init (&loader->problems);
  loader->source_ids = g_hash_table_new (g_str_hash, g_str_equal);
  loader->actor_ids = g_hash_table_new (g_str_hash, g_str_equal);
  loader->location_ids = g_hash_table_new (g_str_hash, g_str_equal);
  loader->event_ids = g_hash_table_new (g_str_hash, g_str_equal);
  loader->sources = g_ptr_array_new_with_free_func (unref_object_or_null);
  loader->actors = g_ptr_array_new_with_free_func (unref_object_or_null);
  loader->locations = g_ptr_array_new_with_free_func (unref_object_or_null);
  loader->events = g_ptr_array_new_with_free_func (unref_object_or_null);
  loader->affiliations = g_array_new (FALSE, FALSE, sizeof (int));
  loader->parents = g_array_new (FALSE, FALSE, sizeof (int));
  loader->event_places = g_array_new (FALSE, FALSE, sizeof (AtlasEventPlace));
  loader->event_participants = g_array_new (FALSE, FALSE, sizeof (AtlasEventParticipant));
  loader->event_fatalities = g_array_new (FALSE, FALSE, sizeof (AtlasEventFatality));
}

static void
loader_clear (Loader *loader)
{
  atlas_problems_clear (&loader->problems);
  g_clear_pointer (&loader->source_ids, g_hash_table_unref);
  g_clear_pointer (&loader->actor_ids, g_hash_table_unref);
  g_clear_pointer (&loader->location_ids, g_hash_table_unref);
  g_clear_pointer (&loader->event_ids, g_hash_table_unref);
  g_clear_pointer (&loader->sources, g_ptr_array_unref);
  g_clear_pointer (&loader->actors, g_ptr_array_unref);
  g_clear_pointer (&loader->locations, g_ptr_array_unref);
  g_clear_pointer (&loader->events, g_ptr_array_unref);
  g_clear_pointer (&loader->affiliations, g_array_unref);
  g_clear_pointer (&loader->parents, g_array_unref);
  g_clear_pointer (&loader->event_places, g_array_unref);
  g_clear_pointer (&loader->event_participants, g_array_unref);
  g_clear_pointer (&loader->event_fatalities, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Loader, loader_clear)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */

/* At most SHOWN_TEXT_CHARS characters of @text (which ends at a NUL or after
 * @max_bytes bytes), with an ellipsis when cut. */
static char *
shorten (const char *text,
         gsize       max_bytes)
{
  const char *p = text;
  const char *end = text + strnlen (text, max_bytes);
  guint n = 0;

  while (p < end && n < SHOWN_TEXT_CHARS)
    {
      p = g_utf8_next_char (p);
      n++;
    }

  if (p >= end)
    return g_strndup (text, (gsize) (end - text));
  return g_strdup_printf ("%.*s…", (int) (p - text), text);
}

static gboolean
is_blank (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (data[i] != ' ' && data[i] != '\t' && data[i] != '\n' && data[i] != '\r')
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_cancelled (Loader  *loader,
                 GError **error)
{
  return g_cancellable_set_error_if_cancelled (loader->cancellable, error);
}

static char *
entry_path (const char *array,
            guint       index)
{
  return atlas_json_path_index (array, index);
}

/* Registers @id for entry @index of @array; records a duplicate. */
static void
register_id (Loader     *loader,
             GHashTable *ids,
             const char *array,
             const char *path,
             const char *id,
             guint       index)
{
  gpointer first;

  if (id == NULL)
    return;

  if (g_hash_table_lookup_extended (ids, id, NULL, &first))
    {
      g_autofree char *where = atlas_json_path_member (path, "id");

      /* Translators: "duplicate id "x" (first at actors[2])" */
      atlas_problems_add (&loader->problems, where, _("duplicate id \"%s\" (first at %s[%u])"),
                          id, array, GPOINTER_TO_UINT (first) - 1);
      return;
    }

  g_hash_table_insert (ids, (gpointer) id, GUINT_TO_POINTER (index + 1));
}

static int
lookup_index (GHashTable *ids,
              const char *id)
{
  gpointer value = g_hash_table_lookup (ids, id);

  return value != NULL ? (int) GPOINTER_TO_UINT (value) - 1 : -1;
}

typedef enum
{
  REF_SOURCE,
  REF_ACTOR,
  REF_LOCATION,
} RefKind;

static void
unknown_reference (Loader     *loader,
                   const char *path,
                   const char *member,
                   RefKind     kind,
                   const char *id)
{
  g_autofree char *where = atlas_json_path_member (path, member);
  g_autofree char *shown = shorten (id, G_MAXSIZE);

  switch (kind)
    {
    case REF_SOURCE:
      atlas_problems_add (&loader->problems, where, _("unknown source \"%s\""), shown);
      break;
    case REF_ACTOR:
      atlas_problems_add (&loader->problems, where, _("unknown actor \"%s\""), shown);
      break;
    case REF_LOCATION:
    default:
      atlas_problems_add (&loader->problems, where, _("unknown location \"%s\""), shown);
      break;
    }
}

/* A reference member: returns the index of the entry it names, or -1 (absent or
 * unknown, the latter recorded). */
static int
get_reference (Loader     *loader,
               JsonObject *object,
               const char *member,
               const char *path,
               gboolean    required,
               RefKind     kind)
{
  const char *id = atlas_json_get_string (object, member, path, required, &loader->problems);
  GHashTable *ids;
  int index;

  if (id == NULL)
    return -1;

  ids = kind == REF_SOURCE ? loader->source_ids
        : kind == REF_ACTOR ? loader->actor_ids
        : loader->location_ids;
  index = lookup_index (ids, id);
  if (index < 0)
    unknown_reference (loader, path, member, kind, id);
  return index;
}

static void
read_names (Loader     *loader,
            JsonObject *object,
            const char *path,
            GHashTable *names)
{
  JsonObject *names_object;
  g_autofree char *names_path = NULL;
  g_autoptr(GList) members = NULL;

  names_object = atlas_json_get_object (object, "names", path, FALSE, &loader->problems);
  if (names_object == NULL)
    return;

  names_path = atlas_json_path_member (path, "names");
  members = json_object_get_members (names_object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *language = l->data;
      g_autofree char *where = atlas_json_path_member (names_path, language);
      const char *name;

      name = atlas_json_expect_string (json_object_get_member (names_object, language), where,
                                       ATLAS_JSON_MAX_STRING, &loader->problems);
      if (name != NULL)
        g_hash_table_replace (names, g_strdup (language), g_strdup (name));
    }
}

/* ------------------------------------------------------------------------ */
/* Sources                                                                  */

/* sources[i].uncited: passages of the text left uncited on purpose, each
 * { "text": verbatim passage, "reason": why } */
static void
read_uncited (Loader      *loader,
              JsonObject  *object,
              const char  *path,
              AtlasSource *source,
              const char  *text)
{
  AtlasProblems *problems = &loader->problems;
  g_autofree char *list_path = atlas_json_path_member (path, "uncited");
  JsonArray *uncited;

  uncited = atlas_json_get_array (object, "uncited", path, FALSE, problems);
  if (uncited == NULL)
    return;

  if (text == NULL && json_array_get_length (uncited) > 0)
    {
      atlas_problems_add (problems, list_path,
                          _("passages can be marked uncited only in a source with a text"));
      return;
    }

  for (guint i = 0; i < json_array_get_length (uncited); i++)
    {
      g_autofree char *entry = atlas_json_path_index (list_path, i);
      JsonObject *passage = atlas_json_expect_object (json_array_get_element (uncited, i),
                                                      entry, problems);
      const char *passage_text, *reason, *found;

      if (passage == NULL)
        continue;

      passage_text = atlas_json_get_text (passage, "text", entry, TRUE, ATLAS_JSON_MAX_STRING,
                                          problems);
      reason = atlas_json_get_string (passage, "reason", entry, TRUE, problems);
      if (passage_text == NULL || reason == NULL)
        continue;

      found = *passage_text != '\0' ? strstr (text, passage_text) : NULL;
      if (found == NULL)
        {
          g_autofree char *where = atlas_json_path_member (entry, "text");
          g_autofree char *shown = shorten (passage_text, 60);

          atlas_problems_add (problems, where, _("“%s” is not in the text of the source"), shown);
          continue;
        }

      atlas_source_add_uncited (source, passage_text, reason,
                                g_utf8_pointer_to_offset (text, found));
    }
}

static void
read_source (Loader   *loader,
             JsonNode *node,
             guint     index)
{
  g_autofree char *path = entry_path ("sources", index);
  AtlasProblems *problems = &loader->problems;
  JsonObject *object;
  JsonNode *url_node;
  const char *id, *published, *url = NULL, *text;
  gint64 published_time = ATLAS_TIME_NONE;
  AtlasSource *source;

  object = atlas_json_expect_object (node, path, problems);
  if (object == NULL)
    {
      g_ptr_array_add (loader->sources, NULL);
      return;
    }

  id = atlas_json_get_id (object, "id", path, problems);
  register_id (loader, loader->source_ids, "sources", path, id, index);

  published = atlas_json_get_string (object, "published", path, FALSE, problems);
  if (published != NULL)
    {
      g_autoptr(GError) error = NULL;
      AtlasTimeParse parse;

      if (atlas_time_parse (published, &parse, &error))
        published_time = parse.instant;
      else
        {
          g_autofree char *where = atlas_json_path_member (path, "published");
          g_autofree char *shown = shorten (published, G_MAXSIZE);

          atlas_problems_add (problems, where, "%s: %s", shown, error->message);
        }
    }

  url_node = json_object_get_member (object, "url");
  if (url_node != NULL && !JSON_NODE_HOLDS_NULL (url_node))
    url = atlas_json_get_string (object, "url", path, FALSE, problems);

  text = atlas_json_get_text (object, "text", path, FALSE, ATLAS_JSON_MAX_TEXT, problems);

  source = atlas_source_new (id,
                                     atlas_json_get_string (object, "title", path, FALSE,
                                                            problems),
                                     atlas_json_get_string (object, "publisher", path, FALSE,
                                                            problems),
                                     atlas_json_get_string (object, "dateline", path, FALSE,
                                                            problems),
                                     published, published_time, url, text);
  read_uncited (loader, object, path, source, text);
  g_ptr_array_add (loader->sources, source);
}

/* ------------------------------------------------------------------------ */
/* Actors                                                                   */

static void
read_actor (Loader   *loader,
            JsonNode *node,
            guint     index)
{
  g_autofree char *path = entry_path ("actors", index);
  AtlasProblems *problems = &loader->problems;
  g_autoptr(AtlasActor) actor = NULL;
  JsonObject *object;
  JsonArray *aliases;
  const char *id, *kind;
  int no_affiliation = -1;

  g_array_append_val (loader->affiliations, no_affiliation);

  object = atlas_json_expect_object (node, path, problems);
  if (object == NULL)
    {
      g_ptr_array_add (loader->actors, NULL);
      return;
    }

  actor = atlas_actor_new ();
  id = atlas_json_get_id (object, "id", path, problems);
  actor->id = g_strdup (id);
  register_id (loader, loader->actor_ids, "actors", path, id, index);
  actor->name = g_strdup (atlas_json_get_string (object, "name", path, TRUE, problems));
  actor->description = g_strdup (atlas_json_get_string (object, "description", path, FALSE,
                                                        problems));
  read_names (loader, object, path, actor->names);

  aliases = atlas_json_get_array (object, "aliases", path, FALSE, problems);
  if (aliases != NULL)
    {
      guint n = json_array_get_length (aliases);
      g_autofree char *aliases_path = atlas_json_path_member (path, "aliases");
      GPtrArray *strv = g_ptr_array_new_full (n + 1, NULL);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *where = atlas_json_path_index (aliases_path, i);
          const char *alias = atlas_json_expect_string (json_array_get_element (aliases, i), where,
                                                        ATLAS_JSON_MAX_STRING, problems);

          if (alias != NULL)
            g_ptr_array_add (strv, g_strdup (alias));
        }
      g_ptr_array_add (strv, NULL);
      g_strfreev (actor->aliases);
      actor->aliases = (GStrv) g_ptr_array_free (strv, FALSE);
    }

  kind = atlas_json_get_string (object, "kind", path, FALSE, problems);
  if (kind != NULL && !atlas_actor_kind_from_string (kind, &actor->kind))
    atlas_json_unknown_word (problems, path, "kind", kind, atlas_actor_kind_list_words ());

  g_ptr_array_add (loader->actors, g_steal_pointer (&actor));
}

static void
resolve_actor (Loader     *loader,
               JsonObject *object,
               guint       index)
{
  g_autofree char *path = entry_path ("actors", index);

  g_array_index (loader->affiliations, int, index) =
    get_reference (loader, object, "affiliation", path, FALSE, REF_ACTOR);
}

/* ------------------------------------------------------------------------ */
/* Locations                                                                */

static void
read_coordinate (Loader     *loader,
                 JsonObject *object,
                 const char *member,
                 const char *path,
                 double      limit,
                 double     *out)
{
  double value;

  if (!atlas_json_get_double (object, member, path, TRUE, &value, &loader->problems))
    return;

  if (value < -limit || value > limit)
    {
      g_autofree char *where = atlas_json_path_member (path, member);

      atlas_problems_add (&loader->problems, where, _("%g is out of range (%g to %g)"),
                          value, -limit, limit);
      return;
    }

  *out = value;
}

static void
read_area (Loader        *loader,
           JsonObject    *object,
           const char    *path,
           AtlasLocation *location)
{
  AtlasProblems *problems = &loader->problems;
  g_autofree char *area_path = NULL;
  g_autofree double *coords = NULL;
  JsonArray *area;
  guint n, n_distinct = 0;
  gboolean ok = TRUE;

  area = atlas_json_get_array (object, "area", path, FALSE, problems);
  if (area == NULL)
    return;

  area_path = atlas_json_path_member (path, "area");
  n = json_array_get_length (area);
  coords = g_new0 (double, 2 * (gsize) MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (area, i);
      g_autofree char *where = atlas_json_path_index (area_path, i);
      JsonArray *pair;

      if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) != 2)
        {
          atlas_problems_add (problems, where, _("expected a [lon, lat] pair, got %s"),
                              JSON_NODE_HOLDS_ARRAY (node)
                                ? _("an array of another length")
                                : atlas_json_describe_node (node));
          ok = FALSE;
          continue;
        }

      pair = json_node_get_array (node);
      for (guint k = 0; k < 2; k++)
        {
          JsonNode *value_node = json_array_get_element (pair, k);
          g_autofree char *value_path = atlas_json_path_index (where, k);
          double limit = k == 0 ? 180.0 : 90.0;
          GType type = JSON_NODE_HOLDS_VALUE (value_node)
                       ? json_node_get_value_type (value_node) : G_TYPE_INVALID;
          double value;

          if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
            {
              atlas_problems_add (problems, value_path, _("expected %s, got %s"), _("a number"),
                                  atlas_json_describe_node (value_node));
              ok = FALSE;
              continue;
            }

          value = json_node_get_double (value_node);
          if (!(value >= -limit && value <= limit))
            {
              atlas_problems_add (problems, value_path, _("%g is out of range (%g to %g)"),
                                  value, -limit, limit);
              ok = FALSE;
              continue;
            }

          coords[2 * i + k] = value;
        }
    }

  if (!ok)
    return;

  /* count distinct points, up to the three needed */
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
      atlas_problems_add (problems, area_path,
                          _("an area needs at least 3 distinct points, got %u"), n_distinct);
      return;
    }

  location->area = g_steal_pointer (&coords);
  location->n_area_points = n;
}

static void
read_location (Loader   *loader,
               JsonNode *node,
               guint     index)
{
  g_autofree char *path = entry_path ("locations", index);
  AtlasProblems *problems = &loader->problems;
  g_autoptr(AtlasLocation) location = NULL;
  JsonObject *object;
  const char *id, *kind;
  double precision;
  int no_parent = -1;

  g_array_append_val (loader->parents, no_parent);

  object = atlas_json_expect_object (node, path, problems);
  if (object == NULL)
    {
      g_ptr_array_add (loader->locations, NULL);
      return;
    }

  location = atlas_location_new ();
  id = atlas_json_get_id (object, "id", path, problems);
  location->id = g_strdup (id);
  register_id (loader, loader->location_ids, "locations", path, id, index);
  location->name = g_strdup (atlas_json_get_string (object, "name", path, TRUE, problems));
  read_coordinate (loader, object, "lat", path, 90.0, &location->latitude);
  read_coordinate (loader, object, "lon", path, 180.0, &location->longitude);
  read_names (loader, object, path, location->names);

  kind = atlas_json_get_string (object, "kind", path, FALSE, problems);
  if (kind != NULL && !atlas_location_kind_from_string (kind, &location->kind))
    atlas_json_unknown_word (problems, path, "kind", kind, atlas_location_kind_list_words ());

  if (atlas_json_get_double (object, "precision_m", path, FALSE, &precision, problems))
    {
      if (precision < 0)
        {
          g_autofree char *where = atlas_json_path_member (path, "precision_m");

          atlas_problems_add (problems, where, _("must not be negative, got %g"), precision);
        }
      else
        location->precision_m = precision;
    }

  read_area (loader, object, path, location);

  g_ptr_array_add (loader->locations, g_steal_pointer (&location));
}

static void
resolve_location (Loader     *loader,
                  JsonObject *object,
                  guint       index)
{
  g_autofree char *path = entry_path ("locations", index);

  g_array_index (loader->parents, int, index) =
    get_reference (loader, object, "parent", path, FALSE, REF_LOCATION);
}

/* Reports each cycle in the @links forest once, at the member that closes it. */
static void
check_cycles (Loader     *loader,
              GArray     *links,
              GPtrArray  *items,
              const char *array,
              const char *member,
              const char *(*get_id) (gpointer item))
{
  g_autofree guint8 *state = g_new0 (guint8, MAX (links->len, 1));
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < links->len; i++)
    {
      int j = (int) i;

      if (state[i] != 0)
        continue;

      g_array_set_size (stack, 0);
      while (j >= 0 && state[j] == 0)
        {
          state[j] = 1;
          g_array_append_val (stack, j);
          j = g_array_index (links, int, j);
        }

      if (j >= 0 && state[j] == 1)
        {
          GString *chain = g_string_new (NULL);
          g_autofree char *path = NULL;
          guint start = 0;
          int last;

          while (g_array_index (stack, int, start) != j)
            start++;
          for (guint k = start; k < stack->len; k++)
            {
              g_string_append_printf (chain, "%s → ",
                                      get_id (g_ptr_array_index (items,
                                                                 g_array_index (stack, int, k))));
            }
          g_string_append (chain, get_id (g_ptr_array_index (items, j)));

          last = g_array_index (stack, int, stack->len - 1);
          path = g_strdup_printf ("%s[%d].%s", array, last, member);
          if (g_str_equal (member, "affiliation"))
            atlas_problems_add (&loader->problems, path, _("affiliation cycle: %s"), chain->str);
          else
            atlas_problems_add (&loader->problems, path, _("parent cycle: %s"), chain->str);
          g_string_free (chain, TRUE);
        }

      for (guint k = 0; k < stack->len; k++)
        state[g_array_index (stack, int, k)] = 2;
    }
}

static const char *
actor_get_id (gpointer item)
{
  return ((AtlasActor *) item)->id;
}

static const char *
location_get_id (gpointer item)
{
  return ((AtlasLocation *) item)->id;
}

/* ------------------------------------------------------------------------ */
/* Events                                                                   */

static gboolean
read_time (Loader         *loader,
           JsonObject     *object,
           const char     *member,
           const char     *path,
           gboolean        required,
           AtlasTimeParse *out,
           const char    **text)
{
  const char *str = atlas_json_get_string (object, member, path, required, &loader->problems);
  g_autoptr(GError) error = NULL;

  if (str == NULL)
    return FALSE;

  if (!atlas_time_parse (str, out, &error))
    {
      g_autofree char *where = atlas_json_path_member (path, member);
      g_autofree char *shown = shorten (str, G_MAXSIZE);

      atlas_problems_add (&loader->problems, where, "%s: %s", shown, error->message);
      return FALSE;
    }

  *text = str;   /* borrowed until atlas_event_pack */
  return TRUE;
}

/* "undated": true; anything else than a boolean is a problem */
static gboolean
read_undated (Loader     *loader,
              JsonObject *object,
              const char *path)
{
  JsonNode *node = json_object_get_member (object, "undated");

  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_autofree char *where = atlas_json_path_member (path, "undated");

      atlas_problems_add (&loader->problems, where, _("expected %s, got %s"), _("a boolean"),
                          atlas_json_describe_node (node));
      return FALSE;
    }

  return json_node_get_boolean (node);
}

static void
read_event_time (Loader     *loader,
                 JsonObject *object,
                 const char *path,
                 AtlasEvent *event)
{
  AtlasProblems *problems = &loader->problems;
  AtlasTimeParse start, end;
  gboolean has_start, has_end;
  const char *word;
  AtlasBasis basis;

  if (read_undated (loader, object, path))
    {
      static const char * const timed[] = { "start", "end", "date_precision" };

      for (guint i = 0; i < G_N_ELEMENTS (timed); i++)
        {
          if (json_object_has_member (object, timed[i]))
            {
              g_autofree char *where = atlas_json_path_member (path, timed[i]);

              atlas_problems_add (problems, where, "%s",
                                  _("not allowed in an event with \"undated\": true"));
            }
        }
      event->undated = TRUE;
      loader->event_strings[ATLAS_EVENT_DATE_TEXT] = atlas_json_get_string (object, "date_text", path, FALSE, problems);
      atlas_event_update_span (event);
      return;
    }

  has_start = read_time (loader, object, "start", path, TRUE, &start,
                         &loader->event_strings[ATLAS_EVENT_START_TEXT]);
  has_end = read_time (loader, object, "end", path, FALSE, &end,
                       &loader->event_strings[ATLAS_EVENT_END_TEXT]);

  if (has_start)
    {
      event->start = start.instant;
      event->utc_offset_minutes = (gint16) (start.utc_offset / 60);
      event->precision = start.precision;
    }

  if (has_end)
    {
      event->end = end.instant;
      event->end_utc_offset_minutes = (gint16) (end.utc_offset / 60);
      event->end_precision = end.precision;
    }

  word = atlas_json_get_string (object, "date_precision", path, FALSE, problems);
  if (word != NULL)
    {
      AtlasPrecision precision;

      if (!atlas_precision_from_string (word, &precision))
        atlas_json_unknown_word (problems, path, "date_precision", word,
                                 atlas_precision_list_words ());
      else if (has_start && precision > start.precision)
        {
          g_autofree char *where = atlas_json_path_member (path, "date_precision");

          atlas_problems_add (problems, where,
                              /* Translators: "day" is finer than the start "2016-12"
                               * carries (month) */
                              _("\"%s\" is finer than the start \"%s\" carries (%s)"),
                              word, loader->event_strings[ATLAS_EVENT_START_TEXT],
                              atlas_precision_to_string (start.precision));
        }
      else
        event->precision = precision;
    }

  word = atlas_json_get_string (object, "date_basis", path, FALSE, problems);
  if (word != NULL && !atlas_basis_from_string (word, &basis))
    atlas_json_unknown_word (problems, path, "date_basis", word, atlas_basis_list_words ());
  else if (word != NULL)
    event->basis = basis;

  loader->event_strings[ATLAS_EVENT_DATE_TEXT] = atlas_json_get_string (object, "date_text", path, FALSE, problems);

  if (has_start && has_end
      && atlas_time_period_end (end.instant, end.utc_offset, end.precision) <= start.instant)
    {
      g_autofree char *where = atlas_json_path_member (path, "end");

      atlas_problems_add (problems, where, _("%s is before the start %s"),
                          loader->event_strings[ATLAS_EVENT_END_TEXT],
                          loader->event_strings[ATLAS_EVENT_START_TEXT]);
    }

  if (has_start)
    atlas_event_update_span (event);
}

/* An event keeps its places and its participants in 16-bit counts */
#define MAX_EVENT_ENTRIES G_MAXUINT16

static gboolean
within_entry_limit (AtlasProblems *problems,
                    JsonArray     *array,
                    const char    *path)
{
  guint n = array != NULL ? json_array_get_length (array) : 0;

  if (n <= MAX_EVENT_ENTRIES)
    return TRUE;
  atlas_problems_add (problems, path, _("too many entries: %u (at most %u)"), n,
                      (guint) MAX_EVENT_ENTRIES);
  return FALSE;
}

static void
read_places (Loader     *loader,
             JsonObject *object,
             const char *path,
             AtlasEvent *event)
{
  AtlasProblems *problems = &loader->problems;
  g_autofree char *places_path = atlas_json_path_member (path, "places");
  JsonArray *places;

  places = atlas_json_get_array (object, "places", path, FALSE, problems);
  if (!within_entry_limit (problems, places, places_path))
    return;
  for (guint i = 0; places != NULL && i < json_array_get_length (places); i++)
    {
      g_autofree char *where = atlas_json_path_index (places_path, i);
      JsonObject *place_object;
      AtlasEventPlace place = { NULL, ATLAS_PLACE_ROLE_OCCURRED };
      const char *role;
      int index;

      place_object = atlas_json_expect_object (json_array_get_element (places, i), where,
                                               problems);
      if (place_object == NULL)
        continue;

      index = get_reference (loader, place_object, "location", where, TRUE,
                             REF_LOCATION);

      role = atlas_json_get_string (place_object, "role", where, FALSE, problems);
      if (role != NULL && !atlas_place_role_from_string (role, &place.role))
        atlas_json_unknown_word (problems, where, "role", role, atlas_place_role_list_words ());

      if (index >= 0)
        {
          place.location = g_object_ref (g_ptr_array_index (loader->locations, index));
          g_array_append_val (loader->event_places, place);
        }
    }
}

static void
read_participants (Loader     *loader,
                   JsonObject *object,
                   const char *path,
                   AtlasEvent *event)
{
  AtlasProblems *problems = &loader->problems;
  g_autofree char *participants_path = atlas_json_path_member (path, "participants");
  JsonArray *participants;

  participants = atlas_json_get_array (object, "participants", path, FALSE, problems);
  if (!within_entry_limit (problems, participants, participants_path))
    return;
  for (guint i = 0; participants != NULL && i < json_array_get_length (participants); i++)
    {
      g_autofree char *where = atlas_json_path_index (participants_path, i);
      JsonObject *participant_object;
      AtlasEventParticipant participant = { NULL, ATLAS_PARTICIPANT_ROLE_MENTIONED };
      const char *role;
      int index;

      participant_object = atlas_json_expect_object (json_array_get_element (participants, i),
                                                     where, problems);
      if (participant_object == NULL)
        continue;

      index = get_reference (loader, participant_object, "actor", where, TRUE,
                             REF_ACTOR);

      role = atlas_json_get_string (participant_object, "role", where, FALSE, problems);
      if (role != NULL && !atlas_participant_role_from_string (role, &participant.role))
        atlas_json_unknown_word (problems, where, "role", role,
                                 atlas_participant_role_list_words ());

      if (index >= 0)
        {
          participant.actor = g_object_ref (g_ptr_array_index (loader->actors, index));
          g_array_append_val (loader->event_participants, participant);
        }
    }
}

static void
check_excerpt (Loader      *loader,
               const char  *path,
               AtlasSource *source,
               gboolean     has_offset,
               gint64       offset,
               AtlasEvent  *event)
{
  AtlasProblems *problems = &loader->problems;
  const char *text = atlas_source_get_text (source);
  const char *excerpt = loader->event_strings[ATLAS_EVENT_EXCERPT];
  gsize text_bytes;

  if (text == NULL)
    return;

  text_bytes = strlen (text);

  if (has_offset)
    {
      gssize byte = atlas_source_char_to_byte (source, (gsize) offset);
      gsize excerpt_bytes;

      if (byte < 0)
        {
          g_autofree char *where = atlas_json_path_member (path, "offset");

          atlas_problems_add (problems, where,
                              _("offset %lld is beyond the end of the text of "
                                "source \"%s\" (%zu characters)"),
                              (long long) offset, atlas_source_get_id (source),
                              atlas_source_get_text_length (source));
          return;
        }

      if (excerpt == NULL)
        return;

      excerpt_bytes = strlen (excerpt);
      if (text_bytes - (gsize) byte < excerpt_bytes
          || memcmp (text + byte, excerpt, excerpt_bytes) != 0)
        {
          g_autofree char *where = atlas_json_path_member (path, "excerpt");
          g_autofree char *there = shorten (text + byte, MAX (excerpt_bytes, 1));

          atlas_problems_add (problems, where,
                              _("not found at offset %lld of the text of source "
                                "\"%s\"; the text there reads \"%s\""),
                              (long long) offset, atlas_source_get_id (source), there);
        }
    }
  else if (excerpt != NULL)
    {
      const char *found = strstr (text, excerpt);

      if (found == NULL)
        {
          g_autofree char *where = atlas_json_path_member (path, "excerpt");

          atlas_problems_add (problems, where, _("not found in the text of source \"%s\""),
                              atlas_source_get_id (source));
        }
      else
        atlas_event_set_excerpt_offset (event, g_utf8_pointer_to_offset (text, found));
    }
}

static void
read_provenance (Loader     *loader,
                 JsonObject *object,
                 const char *path,
                 AtlasEvent *event)
{
  AtlasProblems *problems = &loader->problems;
  g_autofree char *source_path = atlas_json_path_member (path, "source");
  JsonObject *source_object;
  gboolean has_offset;
  gint64 offset = -1;
  int index;

  source_object = atlas_json_get_object (object, "source", path, FALSE, problems);
  if (source_object == NULL)
    return;

  index = get_reference (loader, source_object, "source", source_path, TRUE,
                         REF_SOURCE);
  if (index >= 0)
    event->source = g_object_ref (g_ptr_array_index (loader->sources, index));

  loader->event_strings[ATLAS_EVENT_EXCERPT] =
    atlas_json_get_string (source_object, "excerpt", source_path, FALSE, problems);

  has_offset = atlas_json_get_int (source_object, "offset", source_path, FALSE, &offset,
                                   problems);
  if (has_offset && offset < 0)
    {
      g_autofree char *where = atlas_json_path_member (source_path, "offset");

      atlas_problems_add (problems, where, _("must not be negative, got %lld"),
                          (long long) offset);
      has_offset = FALSE;
    }
  if (has_offset)
    atlas_event_set_excerpt_offset (event, offset);

  index = get_reference (loader, source_object, "attributed_to", source_path, FALSE,
                         REF_ACTOR);
  if (index >= 0)
    atlas_event_set_attributed_to (event,
                                   g_object_ref (g_ptr_array_index (loader->actors, index)));

  if (event->source != NULL)
    check_excerpt (loader, source_path, event->source, has_offset, offset, event);
}

static void
read_quotes (Loader     *loader,
             JsonObject *object,
             const char *path,
             AtlasEvent *event)
{
  AtlasProblems *problems = &loader->problems;
  g_autofree char *quotes_path = atlas_json_path_member (path, "quotes");
  JsonArray *quotes;

  quotes = atlas_json_get_array (object, "quotes", path, FALSE, problems);
  for (guint i = 0; quotes != NULL && i < json_array_get_length (quotes); i++)
    {
      g_autofree char *where = atlas_json_path_index (quotes_path, i);
      JsonObject *quote_object;
      AtlasEventQuote quote = { NULL, NULL };
      const char *text;
      int index;

      quote_object = atlas_json_expect_object (json_array_get_element (quotes, i), where,
                                               problems);
      if (quote_object == NULL)
        continue;

      index = get_reference (loader, quote_object, "actor", where, FALSE, REF_ACTOR);
      text = atlas_json_get_string (quote_object, "text", where, TRUE, problems);

      if (text != NULL)
        {
          quote.text = g_strdup (text);
          if (index >= 0)
            quote.speaker = g_object_ref (g_ptr_array_index (loader->actors, index));
          atlas_event_add_quote (event, &quote);
        }
    }
}

static void
read_fatalities (Loader     *loader,
                 JsonObject *object,
                 const char *path,
                 AtlasEvent *event)
{
  AtlasProblems *problems = &loader->problems;
  g_autofree char *fatalities_path = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *fatalities;

  fatalities = atlas_json_get_object (object, "fatalities", path, FALSE, problems);
  if (fatalities == NULL)
    return;

  fatalities_path = atlas_json_path_member (path, "fatalities");
  members = json_object_get_members (fatalities);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *kind = l->data;
      JsonNode *node = json_object_get_member (fatalities, kind);
      g_autofree char *where = atlas_json_path_member (fatalities_path, kind);
      AtlasEventFatality fatality = { NULL, NULL, 0 };
      const char *qualifier = NULL;
      gint64 count;

      if (strlen (kind) > ATLAS_JSON_MAX_STRING)
        {
          atlas_problems_add (problems, fatalities_path, "%s", _("member name too long"));
          continue;
        }

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        {
          count = json_node_get_int (node);
        }
      else if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *count_object = json_node_get_object (node);

          if (!atlas_json_get_int (count_object, "count", where, TRUE, &count, problems))
            continue;
          qualifier = atlas_json_get_string (count_object, "qualifier", where, FALSE, problems);
          if (count < 0)
            {
              g_autofree char *count_path = atlas_json_path_member (where, "count");

              atlas_problems_add (problems, count_path,
                                  _("must not be negative, got %lld"), (long long) count);
              continue;
            }
        }
      else
        {
          atlas_problems_add (problems, where,
                              _("expected a non-negative integer or {\"count\": n, "
                                "\"qualifier\": word}, got %s"),
                              atlas_json_describe_node (node));
          continue;
        }

      if (count < 0)
        {
          atlas_problems_add (problems, where,
                              _("must not be negative, got %lld"), (long long) count);
          continue;
        }

      fatality.kind = g_intern_string (kind);
      fatality.qualifier = qualifier != NULL ? g_intern_string (qualifier) : NULL;
      fatality.count = count;
      g_array_append_val (loader->event_fatalities, fatality);
    }
}

/* "properties": { "key": scalar, … }, kept as text in file order */
static void
read_properties (Loader     *loader,
                 JsonObject *object,
                 const char *path,
                 AtlasEvent *event)
{
  AtlasProblems *problems = &loader->problems;
  g_autofree char *properties_path = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *properties;

  properties = atlas_json_get_object (object, "properties", path, FALSE, problems);
  if (properties == NULL)
    return;

  properties_path = atlas_json_path_member (path, "properties");
  members = json_object_get_members (properties);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (properties, key);
      AtlasEventProperty property = { NULL, NULL };
      char *value = atlas_import_scalar_to_text (node);

      if (value == NULL)
        {
          g_autofree char *where = atlas_json_path_member (properties_path, key);

          atlas_problems_add (problems, where, _("expected %s, got %s"),
                              _("a string, a number or a boolean"),
                              atlas_json_describe_node (node));
          continue;
        }

      property.key = g_strdup (key);
      property.value = value;
      atlas_event_add_property (event, &property);
    }
}

static void
read_event (Loader   *loader,
            JsonNode *node,
            guint     index)
{
  g_autofree char *path = entry_path ("events", index);
  AtlasProblems *problems = &loader->problems;
  g_autoptr(AtlasEvent) event = NULL;
  JsonObject *object;
  const char *id, *category;

  object = atlas_json_expect_object (node, path, problems);
  if (object == NULL)
    {
      g_ptr_array_add (loader->events, NULL);
      return;
    }

  event = atlas_event_new ();
  g_array_set_size (loader->event_places, 0);
  g_array_set_size (loader->event_participants, 0);
  g_array_set_size (loader->event_fatalities, 0);
  /* the strings are borrowed from the tree until atlas_event_pack below */
  memset (loader->event_strings, 0, sizeof loader->event_strings);
  id = atlas_json_get_id (object, "id", path, problems);
  loader->event_strings[ATLAS_EVENT_ID] = id;
  register_id (loader, loader->event_ids, "events", path, id, index);
  loader->event_strings[ATLAS_EVENT_TITLE] =
    atlas_json_get_string (object, "title", path, TRUE, problems);
  loader->event_strings[ATLAS_EVENT_SUMMARY] =
    atlas_json_get_string (object, "summary", path, FALSE, problems);
  category = atlas_json_get_string (object, "category", path, FALSE, problems);
  event->category = category != NULL ? g_intern_string (category) : NULL;

  read_event_time (loader, object, path, event);
  read_places (loader, object, path, event);
  read_participants (loader, object, path, event);
  read_provenance (loader, object, path, event);
  read_quotes (loader, object, path, event);
  read_fatalities (loader, object, path, event);
  read_properties (loader, object, path, event);

  atlas_event_pack (event, loader->event_strings,
                    (const AtlasEventPlace *) (void *) loader->event_places->data,
                    loader->event_places->len,
                    (const AtlasEventParticipant *) (void *) loader->event_participants->data,
                    loader->event_participants->len,
                    (const AtlasEventFatality *) (void *) loader->event_fatalities->data,
                    loader->event_fatalities->len);
  /* the id table's key was the borrowed id: the event's own copy from now on */
  if (id != NULL && lookup_index (loader->event_ids, id) == (int) index)
    g_hash_table_replace (loader->event_ids, (gpointer) atlas_event_string (event, ATLAS_EVENT_ID),
                          GUINT_TO_POINTER (index + 1));

  g_ptr_array_add (loader->events, g_steal_pointer (&event));
}

/* ------------------------------------------------------------------------ */
/* The document                                                             */

typedef void (*ReadEntry) (Loader   *loader,
                           JsonNode *node,
                           guint     index);

static gboolean
read_entries (Loader     *loader,
              JsonArray  *array,
              ReadEntry   read_entry,
              GError    **error)
{
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      if (i % CANCEL_CHECK_EVERY == 0 && check_cancelled (loader, error))
        return FALSE;
      read_entry (loader, json_array_get_element (array, i), i);
    }

  return TRUE;
}

static GPtrArray *
steal_objects (GPtrArray *array)
{
  GPtrArray *objects = g_ptr_array_new_full (array->len, g_object_unref);

  for (guint i = 0; i < array->len; i++)
    {
      g_assert (array->pdata[i] != NULL);
      g_ptr_array_add (objects, g_steal_pointer (&array->pdata[i]));
    }

  return objects;
}

typedef struct
{
  Loader     *loader;
  JsonParser *parser;
  JsonArray  *events;       /* the top-level array, once its first entry is seen */
  GError     *error;        /* cancelled: the rest is parsed but not read */
  guint       depth;        /* open arrays, until the top-level one is known */
  guint       n_read;
  guint       last_percent;
} StreamState;

static void
stream_array_start_cb (JsonParser  *parser,
                       StreamState *state)
{
  state->depth++;
}

static void
stream_array_end_cb (JsonParser  *parser,
                     JsonArray   *array,
                     StreamState *state)
{
  state->depth--;
}

static void
stream_report_progress (StreamState *state)
{
  const EventsStream *stream = state->loader->stream;
  double fraction;
  guint percent;

  if (stream->progress == NULL)
    return;

  /* json-glib reads the mapped bytes: its line (or, on a single line, its column)
   * says how far it is */
  if (stream->n_lines >= 100)
    fraction = (double) (stream->base_line + json_parser_get_current_line (state->parser))
               / stream->n_lines;
  else
    fraction = (double) (stream->base_pos + json_parser_get_current_pos (state->parser))
               / (double) stream->progress_length;
  fraction = CLAMP (fraction, 0.0, 1.0);
  percent = (guint) (fraction * 100.0);
  if (percent != state->last_percent)
    {
      state->last_percent = percent;
      stream->progress (fraction, stream->progress_data);
    }
}

/* Each entry of the top-level array: read it as read_entries would, then drop its
 * JSON tree.  Nested arrays also emit ::array-element; until the top-level array is
 * known (its first entry is the first element completed at depth 1), array starts
 * and ends are counted, then only its pointer is compared. */
static void
stream_array_element_cb (JsonParser  *parser,
                         JsonArray   *array,
                         int          index,
                         StreamState *state)
{
  guint length;

  if (state->events == NULL)
    {
      if (state->depth != 1)
        return;
      state->events = array;
      g_signal_handlers_disconnect_by_func (parser, stream_array_start_cb, state);
      g_signal_handlers_disconnect_by_func (parser, stream_array_end_cb, state);
    }
  else if (array != state->events)
    return;

  length = json_array_get_length (array);
  if (state->error == NULL)
    {
      if (state->n_read % CANCEL_CHECK_EVERY == 0)
        {
          if (!check_cancelled (state->loader, &state->error))
            stream_report_progress (state);
        }
      if (state->error == NULL)
        read_event (state->loader, json_array_get_element (array, length - 1), state->n_read);
    }
  state->n_read++;
  json_array_remove_element (array, length - 1);
}

/* json-glib declares its signals without a C marshaller, so each emission would
 * go through libffi; ::array-element is emitted for every array entry of the file. */
static void
marshal_array_element (GClosure     *closure,
                       GValue       *return_value,
                       guint         n_param_values,
                       const GValue *param_values,
                       gpointer      invocation_hint,
                       gpointer      marshal_data)
{
  g_assert (n_param_values == 3);
  stream_array_element_cb (g_value_get_object (param_values + 0),
                           g_value_get_boxed (param_values + 1),
                           g_value_get_int (param_values + 2),
                           closure->data);
}

/* Reads the events from loader->stream: a syntax error there is reported as
 * ATLAS_DATASET_ERROR_SYNTAX without a position (the caller parses the whole file
 * again to say where). */
static gboolean
stream_events (Loader  *loader,
               GError **error)
{
  /* not sealed: each entry's tree is read once and dropped at once, and sealing
   * (which hashes every object) would cost more than the reading */
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  /* a slice's pieces go on counting where the previous one stopped */
  StreamState state = { loader, parser, NULL, NULL, 0, loader->events->len, G_MAXUINT };

  GClosure *closure = g_cclosure_new (G_CALLBACK (stream_array_element_cb), &state, NULL);

  g_closure_set_marshal (closure, marshal_array_element);
  g_signal_connect (parser, "array-start", G_CALLBACK (stream_array_start_cb), &state);
  g_signal_connect (parser, "array-end", G_CALLBACK (stream_array_end_cb), &state);
  g_signal_connect_closure (parser, "array-element", closure, FALSE);

  if (!json_parser_load_from_data (parser, loader->stream->data,
                                   (gssize) loader->stream->length, &local_error))
    {
      g_clear_error (&state.error);
      g_set_error_literal (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_SYNTAX,
                           local_error->message);
      return FALSE;
    }

  if (state.error != NULL)
    {
      g_propagate_error (error, state.error);
      return FALSE;
    }

  return TRUE;
}

/* One slice of the events array, read piece by piece by stream_events on a thread of
 * its own with a Loader of its own: it shares the tables of sources, actors and
 * locations (only read by now) and has its own problems, event ids, scratch arrays and
 * events. */
typedef struct
{
  Loader              loader;
  EventsStream        stream;
  const EventsStream *whole;
  guint               first_piece;
  guint               end_piece;
  GThread            *thread;
  gboolean            ok;
  GError             *error;
} Slice;

/* Piece @i of the array: its entries, without the brackets or commas around */
static void
get_piece (const EventsStream *stream,
           guint               i,
           gsize              *start,
           gsize              *end)
{
  *start = (i == 0 ? 0 : g_array_index (stream->splits, SplitPoint, i - 1).offset) + 1;
  *end = i == stream->splits->len ? stream->length - 1
         : g_array_index (stream->splits, SplitPoint, i).offset;
}

static void
slice_init (Slice              *slice,
            const Loader       *loader,
            guint               first_piece,
            guint               end_piece)
{
  memset (slice, 0, sizeof *slice);
  slice->loader = *loader;
  atlas_problems_init (&slice->loader.problems);
  slice->loader.event_ids = g_hash_table_new (g_str_hash, g_str_equal);
  slice->loader.events = g_ptr_array_new_with_free_func (unref_object_or_null);
  slice->loader.event_places = g_array_new (FALSE, FALSE, sizeof (AtlasEventPlace));
  slice->loader.event_participants = g_array_new (FALSE, FALSE,
                                                  sizeof (AtlasEventParticipant));
  slice->loader.event_fatalities = g_array_new (FALSE, FALSE, sizeof (AtlasEventFatality));
  slice->loader.stream = &slice->stream;
  slice->whole = loader->stream;
  slice->first_piece = first_piece;
  slice->end_piece = end_piece;
}

static void
slice_clear (Slice *slice)
{
  atlas_problems_clear (&slice->loader.problems);
  g_hash_table_unref (slice->loader.event_ids);
  g_ptr_array_unref (slice->loader.events);
  g_array_unref (slice->loader.event_places);
  g_array_unref (slice->loader.event_participants);
  g_array_unref (slice->loader.event_fatalities);
  g_clear_error (&slice->error);
}

static gpointer
read_slice (gpointer data)
{
  Slice *slice = data;
  const EventsStream *whole = slice->whole;
  /* each piece as a JSON array of its own; this thread makes and frees every tree of
   * the slice (freeing them on another thread was measured twice as slow) */
  g_autofree char *wrapped = NULL;
  gsize allocated = 0;

  slice->ok = TRUE;
  for (guint i = slice->first_piece; slice->ok && i < slice->end_piece; i++)
    {
      gsize start, end;

      get_piece (whole, i, &start, &end);
      if (end - start + 2 > allocated)
        {
          allocated = end - start + 2;
          g_free (wrapped);
          wrapped = g_malloc (allocated);
        }
      wrapped[0] = '[';
      memcpy (wrapped + 1, whole->data + start, end - start);
      wrapped[end - start + 1] = ']';
      slice->stream.data = wrapped;
      slice->stream.length = end - start + 2;
      slice->stream.base_line = i == 0 ? 0
                                : g_array_index (whole->splits, SplitPoint, i - 1).lines;
      slice->stream.base_pos = start;
      slice->ok = stream_events (&slice->loader, &slice->error);
    }
  slice->stream.data = NULL;
  return NULL;
}

/* Moves the events of the slices, in order, into @loader, registering their ids;
 * FALSE (and @loader's events left empty) when an id is in two slices. */
static gboolean
join_slices (Loader *loader,
             Slice  *slices,
             guint   n_slices)
{
  guint index = 0;

  for (guint i = 0; i < n_slices; i++)
    {
      GPtrArray *events = slices[i].loader.events;

      for (guint j = 0; j < events->len; j++, index++)
        {
          AtlasEvent *event = g_ptr_array_index (events, j);
          const char *id = event != NULL ? atlas_event_string (event, ATLAS_EVENT_ID) : NULL;

          if (id == NULL || g_hash_table_contains (loader->event_ids, id))
            {
              g_hash_table_remove_all (loader->event_ids);
              return FALSE;
            }
          g_hash_table_insert (loader->event_ids, (gpointer) id, GUINT_TO_POINTER (index + 1));
        }
    }

  for (guint i = 0; i < n_slices; i++)
    g_ptr_array_extend_and_steal (loader->events,
                                  g_ptr_array_ref (slices[i].loader.events));
  return TRUE;
}

/* Reads the events in slices on parallel threads (the first on this one, which alone
 * reports progress: the slices are about the same size).  Only a flawless result is
 * kept: when a slice has a problem or a syntax error, or an id is in two slices, this
 * returns FALSE and the caller reads the events again in one piece, for exactly the
 * messages (and their order) of that path.  TRUE when the events are read or the load
 * is cancelled (@ok says which, @error the latter). */
static gboolean
stream_events_parallel (Loader    *loader,
                        gboolean  *ok,
                        GError   **error)
{
  const EventsStream *stream = loader->stream;
  guint n_pieces = stream->splits != NULL ? stream->splits->len + 1 : 1;
  Slice slices[MAX_SLICES];
  GError *cancelled = NULL;
  gboolean flawless = TRUE;
  guint n = 0, first = 0;

  if (n_pieces < 2 || stream->n_threads < 2)
    return FALSE;

  /* every piece must hold entries: a comma before the closing bracket is an error
   * json-glib reports on the whole array */
  for (guint i = 0; i < n_pieces; i++)
    {
      gsize start, end;

      get_piece (stream, i, &start, &end);
      if (is_blank (stream->data + start, end - start))
        return FALSE;
    }

  /* thread t reads the pieces that start in the t-th n_threads-th of the array */
  for (guint t = 0; t < stream->n_threads && first < n_pieces; t++)
    {
      gsize limit = stream->length / stream->n_threads * (t + 1);
      guint end = first + 1;

      while (end < n_pieces
             && (t + 1 == stream->n_threads
                 || g_array_index (stream->splits, SplitPoint, end - 1).offset < limit))
        end++;
      slice_init (&slices[n++], loader, first, end);
      first = end;
    }

  slices[0].stream.progress = stream->progress;
  slices[0].stream.progress_data = stream->progress_data;
  if (slices[0].end_piece < n_pieces)
    {
      const SplitPoint *last = &g_array_index (stream->splits, SplitPoint,
                                               slices[0].end_piece - 1);

      slices[0].stream.n_lines = stream->n_lines >= 100 ? MAX (last->lines, 100) : 0;
      slices[0].stream.progress_length = last->offset;
    }
  else
    {
      slices[0].stream.n_lines = stream->n_lines;
      slices[0].stream.progress_length = stream->length;
    }

  for (guint i = 1; i < n; i++)
    slices[i].thread = g_thread_try_new ("atlas-load", read_slice, &slices[i], NULL);
  read_slice (&slices[0]);
  for (guint i = 1; i < n; i++)
    {
      if (slices[i].thread != NULL)
        g_thread_join (slices[i].thread);
      else
        read_slice (&slices[i]);
    }

  for (guint i = 0; i < n; i++)
    {
      if (g_error_matches (slices[i].error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && cancelled == NULL)
        cancelled = g_steal_pointer (&slices[i].error);
      if (!slices[i].ok || slices[i].loader.problems.n_problems > 0)
        flawless = FALSE;
    }

  if (cancelled != NULL)
    {
      g_propagate_error (error, cancelled);
      *ok = FALSE;
    }
  else if (flawless && join_slices (loader, slices, n))
    *ok = TRUE;
  else
    flawless = FALSE;

  for (guint i = 0; i < n; i++)
    slice_clear (&slices[i]);
  return cancelled != NULL || flawless;
}

/* The events of loader->stream: in slices on parallel threads if they can be, else
 * in one piece */
static gboolean
read_stream (Loader  *loader,
             GError **error)
{
  gboolean ok;

  if (!stream_events_parallel (loader, &ok, error))
    ok = stream_events (loader, error);

  if (ok && loader->stream->progress != NULL)
    loader->stream->progress (1.0, loader->stream->progress_data);
  return ok;
}

/* Where the events come from while atlas_loader_load_data_with_events runs on
 * this thread (instead of the document's "events" array) */
typedef struct
{
  AtlasLoaderEventsFunc func;
  gpointer              user_data;
} EventsSource;

static GPrivate events_source = G_PRIVATE_INIT (NULL);

/* Where the events come from while atlas_loader_load_document_streamed runs on this
 * thread: an importer making them one at a time */
typedef struct
{
  AtlasLoaderNextEventFunc next_event;
  gpointer                 user_data;
} NextEvents;

static GPrivate next_events = G_PRIVATE_INIT (NULL);

/* forward: the progress callback of atlas_loader_load_file_with_progress */
static void report_progress (double fraction);

static gboolean
read_next_events (Loader      *loader,
                  NextEvents  *source,
                  GError     **error)
{
  guint last_percent = G_MAXUINT;
  double fraction = 0;
  JsonNode *node;

  for (guint i = 0; (node = source->next_event (source->user_data, &fraction)) != NULL; i++)
    {
      read_event (loader, node, i);
      json_node_unref (node);
      if (i % CANCEL_CHECK_EVERY == 0)
        {
          guint percent = (guint) (CLAMP (fraction, 0.0, 1.0) * 100.0);

          if (check_cancelled (loader, error))
            return FALSE;
          if (percent != last_percent)
            report_progress (fraction);
          last_percent = percent;
        }
    }
  report_progress (1.0);
  return TRUE;
}

static AtlasDataset *
read_document (Loader      *loader,
               JsonObject  *root,
               GFile       *file,
               GError     **error)
{
  EventsSource *other_events = g_private_get (&events_source);
  NextEvents *streamed = g_private_get (&next_events);
  AtlasProblems *problems = &loader->problems;
  JsonArray *sources, *actors, *locations, *events;
  const char *title, *description, *language;

  title = atlas_json_get_string (root, "title", "", FALSE, problems);
  description = atlas_json_get_string (root, "description", "", FALSE, problems);
  language = atlas_json_get_string (root, "language", "", FALSE, problems);

  sources = atlas_json_get_array (root, "sources", "", FALSE, problems);
  actors = atlas_json_get_array (root, "actors", "", TRUE, problems);
  locations = atlas_json_get_array (root, "locations", "", TRUE, problems);
  events = atlas_json_get_array (root, "events", "", TRUE, problems);

  if (!read_entries (loader, sources, read_source, error)
      || !read_entries (loader, actors, read_actor, error))
    return NULL;

  /* affiliations and parents, once every id of their kind is known */
  for (guint i = 0; actors != NULL && i < json_array_get_length (actors); i++)
    {
      JsonNode *node = json_array_get_element (actors, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        resolve_actor (loader, json_node_get_object (node), i);
    }
  check_cycles (loader, loader->affiliations, loader->actors, "actors", "affiliation",
                actor_get_id);

  if (!read_entries (loader, locations, read_location, error))
    return NULL;

  for (guint i = 0; locations != NULL && i < json_array_get_length (locations); i++)
    {
      JsonNode *node = json_array_get_element (locations, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        resolve_location (loader, json_node_get_object (node), i);
    }
  check_cycles (loader, loader->parents, loader->locations, "locations", "parent",
                location_get_id);

  if (streamed != NULL)
    {
      g_private_set (&next_events, NULL);
      if (!read_next_events (loader, streamed, error))
        return NULL;
    }
  else if (other_events != NULL)
    {
      g_private_set (&events_source, NULL);
      if (!other_events->func (other_events->user_data, loader->sources, loader->actors,
                               loader->locations, loader->events, error))
        return NULL;
    }
  else if (loader->stream != NULL ? !read_stream (loader, error)
           : !read_entries (loader, events, read_event, error))
    return NULL;

  if (problems->n_problems > 0)
    {
      g_autofree char *message = atlas_problems_to_string (problems, loader->display_name);

      g_set_error_literal (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID, message);
      return NULL;
    }

  if (check_cancelled (loader, error))
    return NULL;

  /* everything is valid: link the trees (no cycles) and hand over */
  for (guint i = 0; i < loader->actors->len; i++)
    {
      AtlasActor *actor = g_ptr_array_index (loader->actors, i);
      int target = g_array_index (loader->affiliations, int, i);

      if (target >= 0)
        actor->affiliation = g_object_ref (g_ptr_array_index (loader->actors, target));
    }
  for (guint i = 0; i < loader->locations->len; i++)
    {
      AtlasLocation *location = g_ptr_array_index (loader->locations, i);
      int target = g_array_index (loader->parents, int, i);

      if (target >= 0)
        location->parent = g_object_ref (g_ptr_array_index (loader->locations, target));
    }

  return atlas_dataset_new_internal (file, title, description, language,
                                     steal_objects (loader->sources),
                                     steal_objects (loader->actors),
                                     steal_objects (loader->locations),
                                     steal_objects (loader->events));
}

/* ------------------------------------------------------------------------ */
/* Raw bytes                                                                */

/* 1-based line and column (in characters) of byte @pos; the bytes before it
 * must be valid UTF-8. */
static void
locate (const char *data,
        gsize       pos,
        guint      *line,
        guint      *column)
{
  gsize line_start = 0;

  *line = 1;
  for (gsize i = 0; i < pos; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          line_start = i + 1;
        }
    }

  *column = (guint) g_utf8_strlen (data + line_start, (gssize) (pos - line_start)) + 1;
}

/* json-glib says "<data>:LINE:COLUMN: Parse error: …"; keep what follows the position. */
static void
set_syntax_error (GError     **error,
                  const char  *display_name,
                  const char  *json_message)
{
  /* json-glib quotes the bad string cut at a byte, which can split a character:
   * the message must stay valid UTF-8 */
  g_autofree char *message = g_utf8_make_valid (json_message, -1);
  const char *p = message;
  guint64 line, column;
  char *end;

  if (g_str_has_prefix (p, "<data>:"))
    {
      p += strlen ("<data>:");
      line = g_ascii_strtoull (p, &end, 10);
      if (end != p && *end == ':')
        {
          p = end + 1;
          column = g_ascii_strtoull (p, &end, 10);
          if (end != p && g_str_has_prefix (end, ": "))
            {
              g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_SYNTAX,
                           "%s:%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ": %s",
                           display_name, line, column, end + 2);
              return;
            }
        }
    }

  g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_SYNTAX, "%s: %s",
               display_name, message);
}

gsize
atlas_loader_get_size_limit (void)
{
  long pages = sysconf (_SC_AVPHYS_PAGES);
  long page_size = sysconf (_SC_PAGESIZE);
  guint64 limit = SIZE_LIMIT_MAX;

  if (pages > 0 && page_size > 0)
    limit = MIN (limit, (guint64) pages * (guint64) page_size / 2);

  return (gsize) limit;
}

/* JSON values json-glib may build: half of the available memory's worth */
static guint64
value_limit (void)
{
  long pages = sysconf (_SC_AVPHYS_PAGES);
  long page_size = sysconf (_SC_PAGESIZE);

  if (pages <= 0 || page_size <= 0)
    return G_MAXUINT64;
  return (guint64) pages * (guint64) page_size / 2 / ATLAS_JSON_BYTES_PER_VALUE;
}

static void
set_too_large (GError     **error,
               const char  *display_name,
               guint64      size,
               gsize        limit)
{
  g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_TOO_LARGE,
               _("%s: the file is too large (%llu bytes; the limit is %zu bytes)"),
               display_name, (unsigned long long) size, limit);
}

/* @stream: where the events are when the tree holds an empty "events" array, or NULL */
static AtlasDataset *
load_document (JsonNode            *root_node,
               const char          *display_name,
               GFile               *file,
               const EventsStream  *stream,
               GCancellable        *cancellable,
               GError             **error)
{
  g_auto(Loader) loader;
  JsonObject *root;
  JsonNode *node;
  const char *format;
  gint64 version;

  loader_init (&loader, display_name, cancellable);
  loader.stream = stream;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_FORMAT,
                   _("%s: not an event-atlas dataset (expected a JSON object, got %s)"),
                   display_name, atlas_json_describe_node (root_node));
      return NULL;
    }

  root = json_node_get_object (root_node);

  node = json_object_get_member (root, "format");
  format = node != NULL && JSON_NODE_HOLDS_VALUE (node)
           && json_node_get_value_type (node) == G_TYPE_STRING
           ? json_node_get_string (node) : NULL;
  if (g_strcmp0 (format, "event-atlas") != 0)
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_FORMAT,
                   _("%s: not an event-atlas dataset (expected \"format\": \"event-atlas\")"),
                   display_name);
      return NULL;
    }

  node = json_object_get_member (root, "version");
  if (node == NULL)
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_FORMAT,
                   _("%s: version: a required member is missing"), display_name);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_FORMAT,
                   _("%s: version: expected an integer, got %s"), display_name,
                   atlas_json_describe_node (node));
      return NULL;
    }

  version = json_node_get_int (node);
  if (version > 1)
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_VERSION,
                   _("%s: version %lld is newer than this program understands "
                     "(it reads version 1)"),
                   display_name, (long long) version);
      return NULL;
    }
  if (version < 1)
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_FORMAT,
                   _("%s: version %lld is not a valid version (versions start "
                     "at 1)"),
                   display_name, (long long) version);
      return NULL;
    }

  return read_document (&loader, root, file, error);
}

AtlasDataset *
atlas_loader_load_document (JsonNode      *root_node,
                            const char    *display_name,
                            GFile         *file,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_return_val_if_fail (root_node != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  return load_document (root_node, display_name, file, NULL, cancellable, error);
}

/* The progress callback of atlas_loader_load_file_with_progress, for this thread */
typedef struct
{
  AtlasLoadProgress progress;
  gpointer          user_data;
} ProgressSink;

static GPrivate progress_sink = G_PRIVATE_INIT (NULL);

static void
report_progress (double fraction)
{
  ProgressSink *sink = g_private_get (&progress_sink);

  if (sink != NULL && sink->progress != NULL)
    sink->progress (fraction, sink->user_data);
}

AtlasDataset *
atlas_loader_load_document_streamed (JsonNode                  *document,
                                     AtlasLoaderNextEventFunc   next_event,
                                     gpointer                   user_data,
                                     const char                *display_name,
                                     GFile                     *file,
                                     GCancellable              *cancellable,
                                     GError                   **error)
{
  NextEvents source = { next_event, user_data };
  AtlasDataset *dataset;

  g_return_val_if_fail (document != NULL, NULL);
  g_return_val_if_fail (next_event != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  g_private_set (&next_events, &source);
  dataset = load_document (document, display_name, file, NULL, cancellable, error);
  /* a document refused before its events were read leaves the source set */
  g_private_set (&next_events, NULL);
  return dataset;
}

static gboolean
is_plain_string (const char *start,
                 const char *end,
                 const char *expected)
{
  gsize length = strlen (expected);

  return (gsize) (end - start) == length && memcmp (start, expected, length) == 0;
}

/* In a document whose root object has "format": "event-atlas" and an "events" array
 * (both written plainly, without escapes), finds the array's brackets and counts the
 * lines between them.  The bytes are already known to be valid UTF-8 and to pass
 * atlas_json_scan (no duplicate member names); json-glib judges the rest.
 * With @splits, also finds commas between entries of the array (SplitPoint) that cut
 * it into pieces of at most about PIECE_BYTES, at least two per thread. */
static gboolean
find_events_array (const char *data,
                   gsize       length,
                   gsize      *open,
                   gsize      *close,
                   guint      *n_lines,
                   guint       n_threads,
                   GArray     *splits)
{
  const char *p = data;
  const char *end = data + length;
  const char *key = NULL, *key_end = NULL;
  const char *next_split = end;
  gsize piece_bytes = 0;
  gboolean is_atlas = FALSE, expect_value = FALSE, in_events = FALSE, found = FALSE;
  guint depth = 0, lines = 0;


  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  if (p == end || *p != '{')
    return FALSE;

  for (; p < end; p++)
    {
      switch (*p)
        {
        case '"':
          {
            const char *start = p + 1;
            const char *q = start;

            /* the closing quote is one not escaped by an odd run of backslashes */
            for (;;)
              {
                const char *b;

                q = memchr (q, '"', (gsize) (end - q));
                if (q == NULL)
                  return FALSE;
                for (b = q; b > start && b[-1] == '\\'; b--)
                  ;
                if (((q - b) & 1) == 0)
                  break;
                q++;
              }

            if (depth == 1 && expect_value)
              {
                if (key != NULL && is_plain_string (key, key_end, "format")
                    && is_plain_string (start, q, "event-atlas"))
                  is_atlas = TRUE;
                expect_value = FALSE;
              }
            else if (depth == 1)
              {
                key = start;
                key_end = q;
              }
            p = q;
          }
          break;

        case ':':
          if (depth == 1)
            expect_value = TRUE;
          break;

        case ',':
          if (depth == 1)
            {
              expect_value = FALSE;
              key = NULL;
            }
          else if (depth == 2 && in_events && p >= next_split)
            {
              SplitPoint point = { (gsize) (p - data) - *open, lines };

              g_array_append_val (splits, point);
              next_split = p + piece_bytes;
            }
          break;

        case '[':
        case '{':
          if (depth == 1 && expect_value && *p == '[' && key != NULL
              && is_plain_string (key, key_end, "events"))
            {
              if (found)
                return FALSE;
              *open = (gsize) (p - data);
              in_events = TRUE;
              if (splits != NULL && n_threads > 1)
                {
                  /* and at least two a thread, so that a slice is always read
                   * piece by piece, small files (tests) included */
                  piece_bytes = MAX (MIN (PIECE_BYTES, (length - *open) / (2 * n_threads)), 1);
                  next_split = p + piece_bytes;
                }
            }
          if (depth == 1)
            expect_value = FALSE;
          depth++;
          break;

        case ']':
        case '}':
          if (depth == 0)
            return FALSE;
          depth--;
          if (depth == 1 && in_events)
            {
              *close = (gsize) (p - data);
              in_events = FALSE;
              found = TRUE;
            }
          break;

        case '\n':
          if (in_events)
            lines++;
          break;

        default:
          break;
        }
    }

  *n_lines = lines;
  return is_atlas && found;
}

/* How many threads parse the events of a file of @length bytes: one per processor,
 * for a file big enough.  ATLAS_LOAD_THREADS sets the number whatever the
 * size (for tests and measurements; 1 reads them on the loading thread only). */
static guint
count_threads (gsize length)
{
  const char *forced = g_getenv ("ATLAS_LOAD_THREADS");

  if (forced != NULL)
    return (guint) CLAMP (g_ascii_strtoull (forced, NULL, 10), 1, MAX_SLICES);
  if (length < MIN_PARALLEL_BYTES)
    return 1;
  return CLAMP (g_get_num_processors (), 1, MAX_SLICES);
}

/* Parses everything but the entries of "events" into a tree, then streams the events
 * (see stream_events).  A syntax error anywhere comes back as SYNTAX without a usable
 * position: the caller then parses the whole file to report it. */
static AtlasDataset *
load_streaming (const char    *data,
                gsize          length,
                gsize          open,
                gsize          close,
                guint          n_lines,
                GArray        *splits,
                guint          n_threads,
                const char    *display_name,
                GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *skeleton = g_malloc (open + 1 + length - close);
  ProgressSink *sink = g_private_get (&progress_sink);
  EventsStream stream = {
    data + open, close + 1 - open, n_lines,
    sink != NULL ? sink->progress : NULL, sink != NULL ? sink->user_data : NULL,
    0, 0, close + 1 - open, splits, n_threads,
  };

  g_debug ("%s: reading the events one at a time", display_name);
  memcpy (skeleton, data, open + 1);
  memcpy (skeleton + open + 1, data + close, length - close);
  if (!json_parser_load_from_data (parser, skeleton, (gssize) (open + 1 + length - close),
                                   &local_error))
    {
      g_set_error_literal (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_SYNTAX,
                           local_error->message);
      return NULL;
    }

  return load_document (json_parser_get_root (parser), display_name, file, &stream,
                        cancellable, error);
}

static gboolean
has_string_member (JsonObject *object,
                   const char *member,
                   const char *value)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING
         && g_strcmp0 (json_node_get_string (node), value) == 0;
}

/* TimelineJS: an "events" array whose first entry has a "start_date" */
static gboolean
is_timelinejs (JsonObject *root)
{
  JsonNode *node = json_object_get_member (root, "events");
  JsonArray *events;
  JsonNode *first;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  events = json_node_get_array (node);
  if (json_array_get_length (events) == 0)
    return FALSE;

  first = json_array_get_element (events, 0);
  return JSON_NODE_HOLDS_OBJECT (first)
         && json_object_has_member (json_node_get_object (first), "start_date");
}

/* Recognises the document by its content and reads it: native, GeoJSON, TimelineJS. */
static AtlasDataset *
load_json (JsonNode      *root_node,
           const char    *display_name,
           GFile         *file,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(JsonNode) imported = NULL;
  JsonObject *root;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    return atlas_loader_load_document (root_node, display_name, file, cancellable, error);

  root = json_node_get_object (root_node);
  if (has_string_member (root, "format", "event-atlas"))
    return atlas_loader_load_document (root_node, display_name, file, cancellable, error);

  if (has_string_member (root, "type", "FeatureCollection")
      || has_string_member (root, "type", "Feature"))
    imported = atlas_import_geojson (root_node, display_name, error);
  else if (is_timelinejs (root))
    imported = atlas_import_timelinejs (root_node, display_name, error);
  else if (atlas_import_storymapjs_sniff (root))
    imported = atlas_import_storymapjs (root_node, display_name, error);
  else
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_FORMAT,
                   _("%s: not an event-atlas dataset, GeoJSON FeatureCollection, TimelineJS "
                     "timeline or StoryMapJS story (expected \"format\": \"event-atlas\")"),
                   display_name);
      return NULL;
    }

  if (imported == NULL)
    return NULL;
  return atlas_loader_load_document (imported, display_name, file, cancellable, error);
}

/* What atlas_import_acled_sniff turns away at once, without a look at the
 * first line: the first byte after blank space opens an object or an array. */
static gboolean
starts_like_json (const char *data,
                  gsize       length)
{
  gsize i = 0;

  while (i < length && g_ascii_isspace (data[i]))
    i++;
  return i < length && (data[i] == '{' || data[i] == '[');
}

static JsonNode *
next_acled_event (gpointer  user_data,
                  double   *fraction)
{
  return atlas_acled_reader_next_event (user_data, fraction);
}

AtlasDataset *
atlas_loader_load_data (const char    *data,
                        gsize          length,
                        const char    *display_name,
                        GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *scan_message = NULL;
  g_auto(Loader) loader;
  AtlasJsonScanResult scan;
  guint64 max_values;
  JsonNode *root_node;
  const char *invalid;
  gsize limit = atlas_loader_get_size_limit ();
  gsize where, events_open = 0, events_close = 0;
  guint line, column, events_lines = 0;
  gboolean is_csv = FALSE, starts_json;
  g_autoptr(GArray) splits = g_array_new (FALSE, FALSE, sizeof (SplitPoint));
  guint n_threads;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  loader_init (&loader, display_name, cancellable);

  if (length > limit)
    {
      set_too_large (error, display_name, length, limit);
      return NULL;
    }

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (length == 0 || is_blank (data, length))
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_EMPTY,
                   _("%s: the file is empty"), display_name);
      return NULL;
    }

  /* JSON (what the CSV sniffing below passes over at once) has its encoding
   * checked in the same pass as the scan further down */
  max_values = value_limit ();
  starts_json = starts_like_json (data, length);
  if (starts_json)
    scan = atlas_json_scan_utf8 (data, length, ATLAS_DATASET_MAX_DEPTH, max_values, &where,
                                 &scan_message);
  else if (!g_utf8_validate_len (data, length, &invalid))
    {
      scan = ATLAS_JSON_SCAN_ENCODING;
      where = (gsize) (invalid - data);
    }
  else
    scan = ATLAS_JSON_SCAN_OK;

  if (scan == ATLAS_JSON_SCAN_ENCODING)
    {
      locate (data, where, &line, &column);
      if (data[where] == '\0')
        g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_ENCODING,
                     _("%s:%u:%u: NUL byte"), display_name, line, column);
      else
        g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_ENCODING,
                     _("%s:%u:%u: invalid UTF-8 (byte 0x%02X)"), display_name, line, column,
                     (guint) (guchar) data[where]);
      return NULL;
    }

  /* not JSON: KML is XML */
  if (atlas_import_kml_sniff (data, length))
    {
      g_autoptr(JsonNode) imported = atlas_import_kml (data, length, display_name, error);

      if (imported == NULL)
        return NULL;
      return atlas_loader_load_document (imported, display_name, file, cancellable, error);
    }

  /* not JSON: an ACLED export (CSV) is recognised by its header */
  if (!starts_json && atlas_import_acled_sniff (data, length, &is_csv))
    {
      g_autoptr(JsonNode) document = NULL;
      g_autoptr(AtlasAcledReader) reader = atlas_acled_reader_new (data, length, display_name,
                                                                   &document, error);

      if (reader == NULL)
        return NULL;
      return atlas_loader_load_document_streamed (document, next_acled_event, reader,
                                                  display_name, file, cancellable, error);
    }
  if (is_csv && atlas_import_timelinejs_sheet_sniff (data, length))
    {
      g_autoptr(JsonNode) imported = atlas_import_timelinejs_sheet (data, length, display_name,
                                                                    error);

      if (imported == NULL)
        return NULL;
      return atlas_loader_load_document (imported, display_name, file, cancellable, error);
    }
  if (is_csv)
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_FORMAT,
                   _("%s: not an event-atlas dataset (this looks like a CSV file, but neither "
                     "an ACLED export nor a TimelineJS sheet: its first line has neither "
                     "event_id_cnty and event_date columns nor Year and Headline columns)"),
                   display_name);
      return NULL;
    }

  /* depth, control characters, escapes, duplicate names, integer range: see
   * atlas-json-scan.h for what json-glib would let through */
  if (!starts_json)
    scan = atlas_json_scan (data, length, ATLAS_DATASET_MAX_DEPTH, max_values, &where,
                            &scan_message);
  if (scan != ATLAS_JSON_SCAN_OK)
    {
      locate (data, where, &line, &column);
      if (scan == ATLAS_JSON_SCAN_TOO_DEEP)
        g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_TOO_DEEP,
                     _("%s:%u:%u: nesting deeper than %d levels"), display_name, line, column,
                     ATLAS_DATASET_MAX_DEPTH);
      else if (scan == ATLAS_JSON_SCAN_TOO_MANY)
        g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_TOO_LARGE,
                     _("%s:%u:%u: too many values for the available memory (the limit is %llu)"),
                     display_name, line, column, (unsigned long long) max_values);
      else
        g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_SYNTAX, "%s:%u:%u: %s",
                     display_name, line, column, scan_message);
      return NULL;
    }

  if (check_cancelled (&loader, error))
    return NULL;

  /* an event-atlas file: never build the tree of all its events */
  n_threads = count_threads (length);
  if (find_events_array (data, length, &events_open, &events_close, &events_lines,
                         n_threads, splits))
    {
      AtlasDataset *dataset = load_streaming (data, length, events_open, events_close,
                                              events_lines, splits, n_threads, display_name,
                                              file, cancellable, &local_error);

      if (dataset != NULL)
        return dataset;
      if (!g_error_matches (local_error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_SYNTAX))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_clear_error (&local_error);
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      set_syntax_error (error, display_name, local_error->message);
      return NULL;
    }

  if (check_cancelled (&loader, error))
    return NULL;

  root_node = json_parser_get_root (parser);
  if (root_node == NULL)
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_EMPTY,
                   _("%s: the file is empty"), display_name);
      return NULL;
    }

  return load_json (root_node, display_name, file, cancellable, error);
}

static char *
display_name_for_file (GFile *file)
{
  g_autofree char *scheme = g_file_get_uri_scheme (file);

  if (g_file_peek_path (file) != NULL)
    return g_strdup (g_file_peek_path (file));
  if (g_strcmp0 (scheme, "resource") == 0)
    return g_file_get_basename (file);
  return g_file_get_parse_name (file);
}

static AtlasDataset *
load_native (GFile         *file,
             const char    *path,
             const char    *display_name,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize limit = atlas_loader_get_size_limit ();
  struct stat st;
  int fd;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_IO,
                   _("%s: cannot read the file: %s"), display_name, g_strerror (saved_errno));
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      g_close (fd, NULL);
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_IO,
                   _("%s: cannot read the file: %s"), display_name, g_strerror (saved_errno));
      return NULL;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_close (fd, NULL);
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_IO,
                   _("%s: cannot read the file: %s"), display_name,
                   S_ISDIR (st.st_mode) ? g_strerror (EISDIR) : _("not a regular file"));
      return NULL;
    }

  if ((guint64) st.st_size > limit)
    {
      g_close (fd, NULL);
      set_too_large (error, display_name, (guint64) st.st_size, limit);
      return NULL;
    }

  if (st.st_size == 0)
    {
      g_close (fd, NULL);
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_EMPTY,
                   _("%s: the file is empty"), display_name);
      return NULL;
    }

  mapped = g_mapped_file_new_from_fd (fd, FALSE, &local_error);
  g_close (fd, NULL);
  if (mapped == NULL)
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_IO,
                   _("%s: cannot read the file: %s"), display_name, local_error->message);
      return NULL;
    }

  /* a big file opened before: its cache, if it is still the same file */
  if (atlas_cache_wanted ((guint64) st.st_size))
    {
      AtlasDataset *dataset;

      dataset = atlas_cache_load (file, path, &st, g_mapped_file_get_contents (mapped),
                                  g_mapped_file_get_length (mapped), display_name, cancellable);
      if (dataset == NULL)
        {
          dataset = atlas_loader_load_data (g_mapped_file_get_contents (mapped),
                                            g_mapped_file_get_length (mapped),
                                            display_name, file, cancellable, error);
          if (dataset != NULL)
            atlas_cache_store (dataset, path, &st, g_mapped_file_get_contents (mapped),
                               g_mapped_file_get_length (mapped));
        }
      return dataset;
    }

  return atlas_loader_load_data (g_mapped_file_get_contents (mapped),
                                 g_mapped_file_get_length (mapped),
                                 display_name, file, cancellable, error);
}

AtlasDataset *
atlas_loader_load_file_with_progress (GFile              *file,
                                      AtlasLoadProgress   progress,
                                      gpointer            user_data,
                                      GCancellable       *cancellable,
                                      GError            **error)
{
  ProgressSink sink = { progress, user_data };
  AtlasDataset *dataset;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  g_private_set (&progress_sink, progress != NULL ? &sink : NULL);
  dataset = atlas_loader_load_file (file, cancellable, error);
  g_private_set (&progress_sink, NULL);
  return dataset;
}

AtlasDataset *
atlas_loader_load_file (GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autofree char *display_name = display_name_for_file (file);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize limit = atlas_loader_get_size_limit ();
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (g_file_peek_path (file) != NULL)
    return load_native (file, g_file_peek_path (file), display_name, cancellable, error);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_IO,
                     _("%s: cannot read the file: %s"), display_name, local_error->message);
      return NULL;
    }

  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE)
      && (guint64) g_file_info_get_size (info) > limit)
    {
      set_too_large (error, display_name, (guint64) g_file_info_get_size (info), limit);
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_IO,
                     _("%s: cannot read the file: %s"), display_name, local_error->message);
      return NULL;
    }

  return atlas_loader_load_data (contents, length, display_name, file, cancellable, error);
}

gboolean
atlas_loader_find_events_array (const char *data,
                                gsize       length,
                                gsize      *open,
                                gsize      *close)
{
  guint n_lines;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (open != NULL && close != NULL, FALSE);

  return find_events_array (data, length, open, close, &n_lines, 1, NULL);
}

AtlasDataset *
atlas_loader_load_data_with_events (const char             *data,
                                    gsize                   length,
                                    const char             *display_name,
                                    GFile                  *file,
                                    AtlasLoaderEventsFunc   events_func,
                                    gpointer                user_data,
                                    GCancellable           *cancellable,
                                    GError                **error)
{
  EventsSource source = { events_func, user_data };
  AtlasDataset *dataset;

  g_return_val_if_fail (events_func != NULL, NULL);

  g_private_set (&events_source, &source);
  dataset = atlas_loader_load_data (data, length, display_name, file, cancellable, error);
  g_private_set (&events_source, NULL);
  return dataset;
}

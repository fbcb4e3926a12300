/* atlas-cache.c — the reopen cache: a compact binary copy of a big dataset's events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * File layout (host byte order, which the header records):
 *
 *   header   "EATLCACH", u32 version, u32 0x01020304, u64 source size,
 *            i64 source mtime (µs), u64 source hash, u64 payload size,
 *            u64 payload hash, u64 0                                  (64 bytes)
 *   payload  string canonical path, u64 + bytes of the document with an empty
 *            "events" array, u32 + strings of the category table, u32 event
 *            count, each event (see write_event / read_event), then the
 *            chunk table: u32 count, the u64 payload offset of every
 *            CHUNK_EVENTS-th event, and last the u64 payload offset of the
 *            table itself
 *
 * A string is a u32 (its length + 1, or 0 for NULL) then its bytes and a NUL.
 * Both hashes are atlas_cache_hash over the whole bytes.  Hashing the 740 MB of
 * a million-event file and the cache's own 500 MB takes about a quarter of a
 * second on a busy two-core machine, done in a thread of its own while the cache
 * is decoded (the decoder checks every bound, so it may run over bytes not yet
 * known to be intact; what it built is dropped unless both hashes match), so it
 * costs little of the reopen; unlike sampling, it notices an edit anywhere even
 * when the size and modification time were kept.
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "atlas-actor-private.h"
#include "atlas-cache.h"
#include "atlas-dataset.h"
#include "atlas-event-private.h"
#include "atlas-loader.h"
#include "atlas-location-private.h"

#define CACHE_MAGIC       "EATLCACH"
#define CACHE_VERSION     2
#define CACHE_BYTE_ORDER  0x01020304u
#define HEADER_SIZE       64
#define NONE_INDEX        G_MAXUINT32
/* events are decoded in chunks of this many, on as many threads as there are
 * cores (up to MAX_DECODERS) */
#define CHUNK_EVENTS      16384
#define MAX_DECODERS      4

/* ------------------------------------------------------------------------ */
/* Hash                                                                     */

#define K1 G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)
#define K2 G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9)
#define K3 G_GUINT64_CONSTANT (0x94D049BB133111EB)

static inline guint64
rotate_left (guint64 x,
             int     r)
{
  return (x << r) | (x >> (64 - r));
}

static inline guint64
absorb (guint64 lane,
        guint64 word)
{
  return rotate_left (lane + word * K2, 29) * K1;
}

static inline guint64
load_word (const guint8 *p)
{
  guint64 word;

  memcpy (&word, p, sizeof word);
  return word;
}

guint64
atlas_cache_hash (const void *data,
                  gsize       length)
{
  const guint8 *p = data;
  const guint8 *end = p + length;
  guint64 a = K1, b = K2, c = K3, d = K1 ^ K3;
  guint64 h;

  g_return_val_if_fail (data != NULL || length == 0, 0);

  /* four independent lanes over 32-byte stripes keep the multipliers busy */
  for (; end - p >= 32; p += 32)
    {
      a = absorb (a, load_word (p));
      b = absorb (b, load_word (p + 8));
      c = absorb (c, load_word (p + 16));
      d = absorb (d, load_word (p + 24));
    }

  h = rotate_left (a, 1) + rotate_left (b, 11) + rotate_left (c, 23) + rotate_left (d, 37);
  h ^= (guint64) length * K3;

  for (; end - p >= 8; p += 8)
    h = rotate_left (h ^ absorb (0, load_word (p)), 27) * K1 + K3;
  for (; p < end; p++)
    h = rotate_left (h ^ (*p * K3), 13) * K1;

  /* let every input bit reach every output bit */
  h ^= h >> 31;
  h *= K2;
  h ^= h >> 29;
  h *= K3;
  h ^= h >> 32;
  return h;
}

/* ------------------------------------------------------------------------ */
/* Where                                                                    */

gboolean
atlas_cache_wanted (guint64 size)
{
  return size >= ATLAS_CACHE_MIN_SIZE && g_strcmp0 (g_getenv ("ATLAS_NO_CACHE"), "1") != 0;
}

static char *
canonical_path (const char *path)
{
  char *real = realpath (path, NULL);
  char *canonical;

  if (real == NULL)
    return g_canonicalize_filename (path, NULL);

  /* realpath's memory is malloc's, not necessarily g_malloc's */
  canonical = g_strdup (real);
  free (real);
  return canonical;
}

char *
atlas_cache_get_path (const char *path)
{
  g_autofree char *canonical = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  canonical = canonical_path (path);
  name = g_strdup_printf ("%016" G_GINT64_MODIFIER "x.cache",
                          atlas_cache_hash (canonical, strlen (canonical)));
  return g_build_filename (g_get_user_cache_dir (), "event-atlas", name, NULL);
}

static gint64
mtime_usec (const struct stat *st)
{
  return (gint64) st->st_mtim.tv_sec * G_USEC_PER_SEC + st->st_mtim.tv_nsec / 1000;
}

/* ------------------------------------------------------------------------ */
/* Writing                                                                  */

typedef struct
{
  FILE       *out;
  GHashTable *sources;      /* AtlasSource → index + 1 */
  GHashTable *categories;   /* interned word → index + 1 */
  gboolean    ok;
} Writer;

static void
put (Writer     *w,
     const void *data,
     gsize       size)
{
  if (w->ok && size > 0 && fwrite (data, 1, size, w->out) != size)
    w->ok = FALSE;
}

static void
put_u8 (Writer *w,
        guint   value)
{
  guint8 v = (guint8) value;

  put (w, &v, sizeof v);
}

static void
put_u16 (Writer *w,
         guint   value)
{
  guint16 v = (guint16) value;

  put (w, &v, sizeof v);
}

static void
put_u32 (Writer *w,
         guint32 value)
{
  put (w, &value, sizeof value);
}

static void
put_i64 (Writer *w,
         gint64  value)
{
  put (w, &value, sizeof value);
}

static void
put_string (Writer     *w,
            const char *str)
{
  gsize length;

  if (str == NULL)
    {
      put_u32 (w, 0);
      return;
    }

  length = strlen (str);
  if (length >= G_MAXUINT32)
    {
      w->ok = FALSE;
      return;
    }
  put_u32 (w, (guint32) length + 1);
  put (w, str, length + 1);
}

static guint32
index_in (GHashTable *table,
          gpointer    key)
{
  gpointer value = key != NULL ? g_hash_table_lookup (table, key) : NULL;

  return value != NULL ? GPOINTER_TO_UINT (value) - 1 : NONE_INDEX;
}

static void
write_event (Writer     *w,
             AtlasEvent *event)
{
  AtlasActor *attributed_to = atlas_event_get_attributed_to (event);

  put_u8 (w, event->undated ? 1 : 0);
  put_i64 (w, event->start);
  put_i64 (w, event->end);
  put_i64 (w, event->span_to);
  put_i64 (w, atlas_event_get_excerpt_offset (event));
  put_u32 (w, (guint32) atlas_event_utc_offset (event));
  put_u32 (w, (guint32) atlas_event_end_utc_offset (event));
  put_u8 (w, event->precision);
  put_u8 (w, event->end_precision);
  put_u8 (w, event->basis);
  put_u32 (w, index_in (w->categories, (gpointer) event->category));
  put_u32 (w, index_in (w->sources, event->source));
  put_u32 (w, attributed_to != NULL ? attributed_to->index : NONE_INDEX);

  for (guint i = 0; i < ATLAS_EVENT_N_STRINGS; i++)
    put_string (w, atlas_event_string (event, i));

  put_u16 (w, event->n_places);
  for (guint i = 0; i < event->n_places; i++)
    {
      put_u32 (w, atlas_event_place_location (event, i)->index);
      put_u8 (w, atlas_event_place_role (event, i));
    }

  put_u16 (w, event->n_participants);
  for (guint i = 0; i < event->n_participants; i++)
    {
      put_u32 (w, atlas_event_participant_actor (event, i)->index);
      put_u8 (w, atlas_event_participant_role (event, i));
    }

  put_u16 (w, atlas_event_get_n_quotes (event));
  for (guint i = 0; i < atlas_event_get_n_quotes (event); i++)
    {
      AtlasEventQuote *quote = &g_array_index (event->extras->quotes, AtlasEventQuote, i);

      put_u32 (w, quote->speaker != NULL ? quote->speaker->index : NONE_INDEX);
      put_string (w, quote->text);
    }

  put_u16 (w, atlas_event_get_n_fatalities (event));
  for (guint i = 0; i < atlas_event_get_n_fatalities (event); i++)
    {
      gint64 count;
      const char *qualifier;
      const char *kind = atlas_event_get_fatality (event, i, &count, &qualifier);

      put_string (w, kind);
      put_string (w, qualifier);
      put_i64 (w, count);
    }

  put_u16 (w, atlas_event_get_n_properties (event));
  for (guint i = 0; i < atlas_event_get_n_properties (event); i++)
    {
      AtlasEventProperty *property = &g_array_index (event->extras->properties, AtlasEventProperty, i);

      put_string (w, property->key);
      put_string (w, property->value);
    }
}

/* where the next byte goes, from the start of the payload */
static guint64
payload_offset (Writer *w)
{
  long position = ftell (w->out);

  if (position < HEADER_SIZE)
    {
      w->ok = FALSE;
      return 0;
    }
  return (guint64) position - HEADER_SIZE;
}

/* the header for a payload of @payload_size bytes hashing to @payload_hash */
static void
fill_header (guint8  *header,
             guint64  source_size,
             gint64   source_mtime,
             guint64  source_hash,
             guint64  payload_size,
             guint64  payload_hash)
{
  guint32 version = CACHE_VERSION, order = CACHE_BYTE_ORDER;
  guint64 zero = 0;

  memcpy (header, CACHE_MAGIC, 8);
  memcpy (header + 8, &version, 4);
  memcpy (header + 12, &order, 4);
  memcpy (header + 16, &source_size, 8);
  memcpy (header + 24, &source_mtime, 8);
  memcpy (header + 32, &source_hash, 8);
  memcpy (header + 40, &payload_size, 8);
  memcpy (header + 48, &payload_hash, 8);
  memcpy (header + 56, &zero, 8);
}

/* Writes the payload to @out (after room for the header) */
static gboolean
write_payload (Writer       *w,
               AtlasDataset *dataset,
               const char   *canonical,
               const char   *data,
               gsize         length,
               gsize         open,
               gsize         close)
{
  GListModel *sources = atlas_dataset_get_sources (dataset);
  guint n_sources = g_list_model_get_n_items (sources);
  guint n_events = atlas_dataset_get_n_events (dataset);
  guint n_categories = 0;
  g_autoptr(GPtrArray) category_list = g_ptr_array_new ();
  g_autoptr(GArray) chunks = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint64 head_length = (guint64) open + 1 + (length - close);
  guint64 table_offset;

  for (guint i = 0; i < n_sources; i++)
    {
      g_autoptr(GObject) source = g_list_model_get_item (sources, i);

      g_hash_table_insert (w->sources, source, GUINT_TO_POINTER (i + 1));
    }
  for (guint e = 0; e < n_events; e++)
    {
      const char *category = atlas_dataset_get_event (dataset, e)->category;

      if (category != NULL && !g_hash_table_contains (w->categories, category))
        {
          g_hash_table_insert (w->categories, (gpointer) category,
                               GUINT_TO_POINTER (++n_categories));
          g_ptr_array_add (category_list, (gpointer) category);
        }
    }

  put_string (w, canonical);
  put (w, &head_length, sizeof head_length);
  put (w, data, open + 1);
  put (w, data + close, length - close);
  put_u32 (w, category_list->len);
  for (guint i = 0; i < category_list->len; i++)
    put_string (w, g_ptr_array_index (category_list, i));

  put_u32 (w, n_events);
  for (guint e = 0; e < n_events && w->ok; e++)
    {
      if (e % CHUNK_EVENTS == 0)
        {
          guint64 offset = payload_offset (w);

          g_array_append_val (chunks, offset);
        }
      write_event (w, atlas_dataset_get_event (dataset, e));
    }

  table_offset = payload_offset (w);
  put_u32 (w, chunks->len);
  put (w, chunks->data, chunks->len * sizeof (guint64));
  put (w, &table_offset, sizeof table_offset);

  return w->ok;
}

gboolean
atlas_cache_store (AtlasDataset      *dataset,
                   const char        *path,
                   const struct stat *st,
                   const char        *data,
                   gsize              length)
{
  g_autofree char *cache_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *canonical = NULL;
  g_autoptr(GMappedFile) written = NULL;
  g_autoptr(GHashTable) sources = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) categories = g_hash_table_new (NULL, NULL);
  guint8 header[HEADER_SIZE] = { 0 };
  Writer w = { NULL, sources, categories, TRUE };
  gsize open, close, payload_size;
  gint64 started = g_get_monotonic_time ();
  int fd;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (path != NULL && st != NULL && data != NULL, FALSE);

  if (!atlas_loader_find_events_array (data, length, &open, &close))
    return FALSE;

  cache_path = atlas_cache_get_path (path);
  canonical = canonical_path (path);
  dir = g_path_get_dirname (cache_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return FALSE;

  tmp_path = g_strconcat (cache_path, ".XXXXXX", NULL);
  fd = g_mkstemp (tmp_path);
  if (fd < 0)
    return FALSE;
  w.out = fdopen (fd, "wb");
  if (w.out == NULL)
    {
      g_close (fd, NULL);
      g_unlink (tmp_path);
      return FALSE;
    }

  setvbuf (w.out, NULL, _IOFBF, 1 << 20);
  put (&w, header, sizeof header);
  write_payload (&w, dataset, canonical, data, length, open, close);
  if (fflush (w.out) != 0)
    w.ok = FALSE;

  /* hash what was written, then the header in front of it */
  if (w.ok)
    written = g_mapped_file_new (tmp_path, FALSE, NULL);
  if (written != NULL && g_mapped_file_get_length (written) >= HEADER_SIZE)
    {
      const char *bytes = g_mapped_file_get_contents (written);

      payload_size = g_mapped_file_get_length (written) - HEADER_SIZE;
      fill_header (header, (guint64) st->st_size, mtime_usec (st),
                   atlas_cache_hash (data, length), payload_size,
                   atlas_cache_hash (bytes + HEADER_SIZE, payload_size));
      if (fseek (w.out, 0, SEEK_SET) != 0
          || fwrite (header, 1, sizeof header, w.out) != sizeof header)
        w.ok = FALSE;
    }
  else
    w.ok = FALSE;

  if (fclose (w.out) != 0)
    w.ok = FALSE;
  if (w.ok && g_rename (tmp_path, cache_path) != 0)
    w.ok = FALSE;
  if (!w.ok)
    g_unlink (tmp_path);

  g_debug ("%s: cache %s %s in %.0f ms", path, cache_path, w.ok ? "written" : "not written",
           (double) (g_get_monotonic_time () - started) / 1000.0);
  return w.ok;
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                  */

typedef struct
{
  const guint8 *p;
  const guint8 *end;
  const char  **categories;   /* interned */
  guint         n_categories;
  gsize         payload_size; /* of the whole payload, which ends at end */
  gboolean      ok;
} Reader;

static gboolean
take (Reader      *r,
      gsize        size,
      const void **out)
{
  if (!r->ok || (gsize) (r->end - r->p) < size)
    {
      r->ok = FALSE;
      return FALSE;
    }
  *out = r->p;
  r->p += size;
  return TRUE;
}

static guint
get_u8 (Reader *r)
{
  const void *p;

  return take (r, 1, &p) ? *(const guint8 *) p : 0;
}

static guint
get_u16 (Reader *r)
{
  const void *p;
  guint16 v = 0;

  if (take (r, sizeof v, &p))
    memcpy (&v, p, sizeof v);
  return v;
}

static guint32
get_u32 (Reader *r)
{
  const void *p;
  guint32 v = 0;

  if (take (r, sizeof v, &p))
    memcpy (&v, p, sizeof v);
  return v;
}

static gint64
get_i64 (Reader *r)
{
  const void *p;
  gint64 v = 0;

  if (take (r, sizeof v, &p))
    memcpy (&v, p, sizeof v);
  return v;
}

/* borrowed from the mapped cache; NUL-terminated with no NUL inside */
static const char *
get_string (Reader *r)
{
  guint32 size = get_u32 (r);
  const void *p;
  const char *str;

  if (size == 0 || !take (r, size, &p))
    return NULL;

  str = p;
  if (str[size - 1] != '\0' || memchr (str, '\0', size - 1) != NULL)
    {
      r->ok = FALSE;
      return NULL;
    }
  return str;
}

/* the object at @index of @array, or NULL for NONE_INDEX; out of range fails */
static gpointer
get_ref (Reader    *r,
         GPtrArray *array,
         gboolean   optional)
{
  guint32 index = get_u32 (r);

  if (optional && index == NONE_INDEX)
    return NULL;
  if (index >= array->len || g_ptr_array_index (array, index) == NULL)
    {
      r->ok = FALSE;
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (array, index));
}

static guint
get_enum (Reader *r,
          guint   n_values)
{
  guint value = get_u8 (r);

  if (value >= n_values)
    r->ok = FALSE;
  return value < n_values ? value : 0;
}

static AtlasEvent *
read_event (Reader    *r,
            GPtrArray *sources,
            GPtrArray *actors,
            GPtrArray *locations,
            GArray    *places,
            GArray    *participants,
            GArray    *fatalities)
{
  g_autoptr(AtlasEvent) event = atlas_event_new ();
  const char *strings[ATLAS_EVENT_N_STRINGS];
  gint64 excerpt_offset;
  gint32 utc_offset, end_utc_offset;
  guint32 category;
  guint n;

  event->undated = get_enum (r, 2);
  event->start = get_i64 (r);
  event->end = get_i64 (r);
  event->span_to = get_i64 (r);
  excerpt_offset = get_i64 (r);
  if (excerpt_offset < -1)
    r->ok = FALSE;
  else
    atlas_event_set_excerpt_offset (event, excerpt_offset);
  utc_offset = (gint32) get_u32 (r);
  end_utc_offset = (gint32) get_u32 (r);
  if (!atlas_event_set_utc_offsets (event, utc_offset, end_utc_offset))
    r->ok = FALSE;
  event->precision = get_enum (r, ATLAS_PRECISION_SECOND + 1);
  event->end_precision = get_enum (r, ATLAS_PRECISION_SECOND + 1);
  event->basis = get_enum (r, ATLAS_BASIS_REPORTED + 1);
  category = get_u32 (r);
  if (category != NONE_INDEX && category >= r->n_categories)
    r->ok = FALSE;
  else if (category != NONE_INDEX)
    event->category = r->categories[category];
  event->source = get_ref (r, sources, TRUE);
  atlas_event_set_attributed_to (event, get_ref (r, actors, TRUE));

  for (guint i = 0; i < ATLAS_EVENT_N_STRINGS; i++)
    strings[i] = get_string (r);
  if (strings[ATLAS_EVENT_ID] == NULL || strings[ATLAS_EVENT_TITLE] == NULL)
    r->ok = FALSE;

  /* the block takes over the references gathered here */
  g_array_set_size (fatalities, 0);
  g_array_set_size (places, 0);
  n = get_u16 (r);
  for (guint i = 0; i < n && r->ok; i++)
    {
      AtlasEventPlace place;

      place.location = get_ref (r, locations, FALSE);
      place.role = get_enum (r, ATLAS_PLACE_ROLE_DESTINATION + 1);
      if (place.location != NULL)
        g_array_append_val (places, place);
    }

  g_array_set_size (participants, 0);
  n = get_u16 (r);
  for (guint i = 0; i < n && r->ok; i++)
    {
      AtlasEventParticipant participant;

      participant.actor = get_ref (r, actors, FALSE);
      participant.role = get_enum (r, ATLAS_PARTICIPANT_ROLE_MENTIONED + 1);
      if (participant.actor != NULL)
        g_array_append_val (participants, participant);
    }

  n = get_u16 (r);
  for (guint i = 0; i < n && r->ok; i++)
    {
      AtlasEventQuote quote;
      const char *text;

      quote.speaker = get_ref (r, actors, TRUE);
      text = get_string (r);
      if (text == NULL)
        {
          r->ok = FALSE;
          g_clear_object (&quote.speaker);
          break;
        }
      quote.text = g_strdup (text);
      atlas_event_add_quote (event, &quote);
    }

  n = get_u16 (r);
  for (guint i = 0; i < n && r->ok; i++)
    {
      AtlasEventFatality fatality;
      const char *kind = get_string (r);
      const char *qualifier = get_string (r);

      fatality.count = get_i64 (r);
      if (kind == NULL || fatality.count < 0)
        {
          r->ok = FALSE;
          break;
        }
      fatality.kind = g_intern_string (kind);
      fatality.qualifier = qualifier != NULL ? g_intern_string (qualifier) : NULL;
      g_array_append_val (fatalities, fatality);
    }

  n = get_u16 (r);
  for (guint i = 0; i < n && r->ok; i++)
    {
      AtlasEventProperty property;
      const char *key = get_string (r);
      const char *value = get_string (r);

      if (key == NULL || value == NULL)
        {
          r->ok = FALSE;
          break;
        }
      property.key = g_strdup (key);
      property.value = g_strdup (value);
      atlas_event_add_property (event, &property);
    }

  /* even when something failed: the block takes over the references gathered */
  atlas_event_pack (event, strings,
                    (const AtlasEventPlace *) (void *) places->data, places->len,
                    (const AtlasEventParticipant *) (void *) participants->data,
                    participants->len,
                    (const AtlasEventFatality *) (void *) fatalities->data, fatalities->len);

  return r->ok ? g_steal_pointer (&event) : NULL;
}

/* What the decoding threads share; each takes the next chunk until none is left
 * or one of them failed */
typedef struct
{
  const guint8  *payload;
  const guint64 *offsets;        /* n_chunks + 1: the last is the table's */
  guint          n_chunks;
  guint          n_events;
  const char   **categories;
  guint          n_categories;
  GPtrArray     *sources;
  GPtrArray     *actors;
  GPtrArray     *locations;
  gpointer      *events;         /* n_events slots */
  int            next_chunk;     /* atomic */
  int            failed;         /* atomic */
} DecodeJob;

static gpointer
decode_chunks (gpointer data)
{
  DecodeJob *job = data;
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (AtlasEventPlace));
  g_autoptr(GArray) participants = g_array_new (FALSE, FALSE, sizeof (AtlasEventParticipant));
  g_autoptr(GArray) fatalities = g_array_new (FALSE, FALSE, sizeof (AtlasEventFatality));

  while (!g_atomic_int_get (&job->failed))
    {
      guint chunk = (guint) g_atomic_int_add (&job->next_chunk, 1);
      guint first = chunk * CHUNK_EVENTS;
      guint last;
      Reader r;

      if (chunk >= job->n_chunks)
        break;

      last = MIN (first + CHUNK_EVENTS, job->n_events);
      r.p = job->payload + job->offsets[chunk];
      r.end = job->payload + job->offsets[chunk + 1];
      r.categories = job->categories;
      r.n_categories = job->n_categories;
      r.payload_size = 0;
      r.ok = TRUE;

      for (guint e = first; e < last && r.ok; e++)
        job->events[e] = read_event (&r, job->sources, job->actors, job->locations, places,
                                     participants, fatalities);

      /* a chunk ends exactly where the next begins */
      if (!r.ok || r.p != r.end)
        g_atomic_int_set (&job->failed, TRUE);
    }

  return NULL;
}

/* the chunk table at the end of the payload, checked to cut the events' bytes
 * (from @events_at to the table) in increasing pieces, or NULL */
static guint64 *
read_chunk_table (Reader  *r,
                  gsize    events_at,
                  guint    n_events,
                  guint   *n_chunks)
{
  const guint8 *payload = r->end - r->payload_size;
  g_autofree guint64 *offsets = NULL;
  guint64 table_at;
  Reader table = { 0 };

  if (r->payload_size < sizeof table_at)
    return NULL;
  memcpy (&table_at, r->end - sizeof table_at, sizeof table_at);
  if (table_at < events_at || table_at > r->payload_size - sizeof table_at)
    return NULL;

  table.p = payload + table_at;
  table.end = r->end - sizeof table_at;
  table.ok = TRUE;
  *n_chunks = get_u32 (&table);
  if (!table.ok || *n_chunks != (n_events + CHUNK_EVENTS - 1) / CHUNK_EVENTS
      || (gsize) (table.end - table.p) != (gsize) *n_chunks * sizeof (guint64))
    return NULL;

  offsets = g_new (guint64, *n_chunks + 1);
  for (guint c = 0; c < *n_chunks; c++)
    {
      offsets[c] = (guint64) get_i64 (&table);
      /* the first chunk starts at the first event; each is longer than nothing */
      if (c == 0 ? offsets[c] != events_at : offsets[c] <= offsets[c - 1])
        return NULL;
    }
  offsets[*n_chunks] = table_at;
  if (*n_chunks > 0 && offsets[*n_chunks - 1] >= table_at)
    return NULL;
  if (*n_chunks == 0 && table_at != events_at)
    return NULL;
  return g_steal_pointer (&offsets);
}

static gboolean
read_events_cb (gpointer    user_data,
                GPtrArray  *sources,
                GPtrArray  *actors,
                GPtrArray  *locations,
                GPtrArray  *events,
                GError    **error)
{
  Reader *r = user_data;
  guint32 n_events = get_u32 (r);
  gsize events_at = (gsize) (r->p - (r->end - r->payload_size));
  g_autofree guint64 *offsets = NULL;
  GThread *threads[MAX_DECODERS - 1];
  guint n_threads;
  DecodeJob job = { 0 };

  /* each event takes more than 64 bytes: a count beyond that is a lie */
  if ((gsize) (r->end - r->p) / 64 < n_events || n_events > G_MAXINT)
    r->ok = FALSE;
  if (r->ok)
    offsets = read_chunk_table (r, events_at, n_events, &job.n_chunks);

  if (!r->ok || offsets == NULL)
    {
      g_set_error_literal (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_FORMAT,
                           "the cache does not decode");
      return FALSE;
    }

  /* the loader frees what was decoded if anything fails */
  g_ptr_array_set_size (events, (gint) n_events);
  job.payload = r->end - r->payload_size;
  job.offsets = offsets;
  job.n_events = n_events;
  job.categories = r->categories;
  job.n_categories = r->n_categories;
  job.sources = sources;
  job.actors = actors;
  job.locations = locations;
  job.events = events->pdata;

  n_threads = MIN (MIN (g_get_num_processors (), MAX_DECODERS), MAX (job.n_chunks, 1)) - 1;
  for (guint t = 0; t < n_threads; t++)
    threads[t] = g_thread_new ("atlas-cache-decode", decode_chunks, &job);
  decode_chunks (&job);
  for (guint t = 0; t < n_threads; t++)
    g_thread_join (threads[t]);

  if (job.failed)
    {
      g_set_error_literal (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_FORMAT,
                           "the cache does not decode");
      return FALSE;
    }

  r->p = r->end;
  return TRUE;
}

/* The payload of a cache whose header matches the file (magic, version, byte
 * order, sizes, modification time), or NULL; @source_hash is what the file's
 * bytes must hash to, @payload_hash what the payload's must. */
static const guint8 *
check_header (const char        *bytes,
              gsize              size,
              const struct stat *st,
              gsize              length,
              gsize             *payload_size,
              guint64           *source_hash,
              guint64           *payload_hash)
{
  guint32 version, order;
  guint64 source_size, stored_size;
  gint64 source_mtime;

  if (size < HEADER_SIZE || memcmp (bytes, CACHE_MAGIC, 8) != 0)
    return NULL;

  memcpy (&version, bytes + 8, 4);
  memcpy (&order, bytes + 12, 4);
  memcpy (&source_size, bytes + 16, 8);
  memcpy (&source_mtime, bytes + 24, 8);
  memcpy (source_hash, bytes + 32, 8);
  memcpy (&stored_size, bytes + 40, 8);
  memcpy (payload_hash, bytes + 48, 8);

  if (version != CACHE_VERSION || order != CACHE_BYTE_ORDER
      || source_size != (guint64) st->st_size || source_size != length
      || source_mtime != mtime_usec (st)
      || stored_size != size - HEADER_SIZE)
    return NULL;

  *payload_size = size - HEADER_SIZE;
  return (const guint8 *) bytes + HEADER_SIZE;
}

/* The file's hash and the payload's, worked out in another thread while the
 * cache is decoded: the decoder checks the bounds of everything it reads, so it
 * may run over bytes not yet known to be intact, and its result is dropped
 * unless both hashes match. */
typedef struct
{
  const char   *data;
  gsize         length;
  const guint8 *payload;
  gsize         payload_size;
  guint64       hash;
  guint64       payload_hash;
} HashJob;

static gpointer
hash_thread (gpointer data)
{
  HashJob *job = data;

  job->payload_hash = atlas_cache_hash (job->payload, job->payload_size);
  job->hash = atlas_cache_hash (job->data, job->length);
  return NULL;
}

/* the dataset in a payload whose checksum matched, or NULL */
static AtlasDataset *
decode (GFile        *file,
        const char   *path,
        const guint8 *payload,
        gsize         payload_size,
        const char   *display_name,
        GCancellable *cancellable)
{
  g_autofree char *canonical = NULL;
  g_autofree const char **categories = NULL;
  g_autoptr(GError) error = NULL;
  const char *stored_path, *head;
  const void *head_bytes = NULL;
  guint64 head_length;
  Reader r;
  AtlasDataset *dataset;

  r.payload_size = payload_size;
  r.p = payload;
  r.end = payload + payload_size;
  r.categories = NULL;
  r.n_categories = 0;
  r.ok = TRUE;

  canonical = canonical_path (path);
  stored_path = get_string (&r);
  if (stored_path == NULL || strcmp (stored_path, canonical) != 0)
    return NULL;

  head_length = (guint64) get_i64 (&r);
  if (!r.ok || head_length > (guint64) (r.end - r.p) || !take (&r, head_length, &head_bytes))
    return NULL;
  head = head_bytes;

  r.n_categories = get_u32 (&r);
  if (!r.ok || r.n_categories > (gsize) (r.end - r.p) / 4)
    return NULL;
  categories = g_new0 (const char *, MAX (r.n_categories, 1));
  for (guint i = 0; i < r.n_categories && r.ok; i++)
    {
      const char *word = get_string (&r);

      if (word == NULL)
        r.ok = FALSE;
      else
        categories[i] = g_intern_string (word);
    }
  r.categories = categories;
  if (!r.ok)
    return NULL;

  /* the document without its events goes through the loader as usual */
  dataset = atlas_loader_load_data_with_events (head, head_length, display_name, file,
                                                read_events_cb, &r, cancellable, &error);
  if (dataset == NULL)
    g_debug ("%s: cache not used: %s", path, error->message);
  return dataset;
}

AtlasDataset *
atlas_cache_load (GFile             *file,
                  const char        *path,
                  const struct stat *st,
                  const char        *data,
                  gsize              length,
                  const char        *display_name,
                  GCancellable      *cancellable)
{
  g_autofree char *cache_path = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  const guint8 *payload;
  gsize payload_size = 0;
  gint64 started = g_get_monotonic_time ();
  guint64 source_hash = 0, payload_hash = 0;
  HashJob job = { data, length, NULL, 0, 0, 0 };
  GThread *hasher;
  AtlasDataset *dataset;

  g_return_val_if_fail (path != NULL && st != NULL && data != NULL, NULL);

  cache_path = atlas_cache_get_path (path);
  mapped = g_mapped_file_new (cache_path, FALSE, NULL);
  if (mapped == NULL)
    return NULL;

  payload = check_header (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped),
                          st, length, &payload_size, &source_hash, &payload_hash);
  if (payload == NULL)
    {
      g_debug ("%s: cache %s is stale or damaged", path, cache_path);
      return NULL;
    }

  /* nothing decoded is returned before the file's bytes are known to be those
   * the cache was made from */
  job.payload = payload;
  job.payload_size = payload_size;
  hasher = g_thread_new ("atlas-cache-hash", hash_thread, &job);
  dataset = decode (file, path, payload, payload_size, display_name, cancellable);
  g_thread_join (hasher);
  if (job.payload_hash != payload_hash)
    {
      g_debug ("%s: cache %s is damaged", path, cache_path);
      g_clear_object (&dataset);
    }
  else if (job.hash != source_hash)
    {
      g_debug ("%s: cache %s is of other contents", path, cache_path);
      g_clear_object (&dataset);
    }
  if (dataset != NULL)
    g_debug ("%s: read from the cache in %.0f ms", path,
             (double) (g_get_monotonic_time () - started) / 1000.0);
  return dataset;
}

/* atlas-event.c — one thing that happened (or was announced)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "atlas-actor-private.h"
#include "atlas-event-private.h"
#include "atlas-location-private.h"
#include "atlas-source.h"
#include "atlas-time.h"

G_DEFINE_FINAL_TYPE (AtlasEvent, atlas_event, G_TYPE_OBJECT)

/* a million of these are held at once: keep an eye on the size */
G_STATIC_ASSERT (GLIB_SIZEOF_VOID_P != 8 || sizeof (AtlasEvent) == 112);
G_STATIC_ASSERT (ATLAS_PRECISION_SECOND < 8 && ATLAS_BASIS_REPORTED < 8);

static void
clear_quote (gpointer data)
{
  AtlasEventQuote *quote = data;

  g_clear_object (&quote->speaker);
  g_clear_pointer (&quote->text, g_free);
}

static void
clear_property (gpointer data)
{
  AtlasEventProperty *property = data;

  g_clear_pointer (&property->key, g_free);
  g_clear_pointer (&property->value, g_free);
}

static void
append_folded (GString    *haystack,
               const char *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return;

  folded = atlas_event_fold_text (text);
  g_string_append (haystack, folded);
  g_string_append_c (haystack, '\n');
}

static void
append_names (GString    *haystack,
              GHashTable *names)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    append_folded (haystack, value);
}

static char *
build_haystack (AtlasEvent *self)
{
  GString *haystack = g_string_new (NULL);

  append_folded (haystack, atlas_event_string (self, ATLAS_EVENT_TITLE));
  append_folded (haystack, atlas_event_string (self, ATLAS_EVENT_SUMMARY));

  for (guint i = 0; i < self->n_places; i++)
    {
      AtlasLocation *location = atlas_event_place_location (self, i);

      append_folded (haystack, location->name);
      append_names (haystack, location->names);
    }

  for (guint i = 0; i < self->n_participants; i++)
    {
      AtlasActor *actor = atlas_event_participant_actor (self, i);

      append_folded (haystack, actor->name);
      append_names (haystack, actor->names);
      for (guint j = 0; actor->aliases[j] != NULL; j++)
        append_folded (haystack, actor->aliases[j]);
    }

  return g_string_free (haystack, FALSE);
}

static void
atlas_event_dispose (GObject *object)
{
  AtlasEvent *self = (AtlasEvent *) object;

  if (self->block != NULL)
    {
      gpointer *links = (gpointer *) (void *) self->block;

      for (guint i = 0; i < (guint) self->n_places + self->n_participants; i++)
        g_clear_object (&links[i]);
    }
  if (self->extras != NULL)
    {
      g_clear_pointer (&self->extras->quotes, g_array_unref);
      g_clear_object (&self->extras->attributed_to);
    }
  g_clear_object (&self->source);

  G_OBJECT_CLASS (atlas_event_parent_class)->dispose (object);
}

static void
atlas_event_finalize (GObject *object)
{
  AtlasEvent *self = (AtlasEvent *) object;

  g_free (self->block);
  if (self->extras != NULL)
    {
      g_free (self->extras->folded);
      g_clear_pointer (&self->extras->properties, g_array_unref);
      g_free (self->extras);
    }

  G_OBJECT_CLASS (atlas_event_parent_class)->finalize (object);
}

static void
atlas_event_class_init (AtlasEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atlas_event_dispose;
  object_class->finalize = atlas_event_finalize;
}

static void
atlas_event_init (AtlasEvent *self)
{
  self->start = 0;
  self->end = ATLAS_TIME_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (self->strings); i++)
    self->strings[i] = ATLAS_EVENT_NO_STRING;
  self->excerpt_offset = -1;
  self->precision = ATLAS_PRECISION_DAY;
  self->end_precision = ATLAS_PRECISION_DAY;
  self->basis = ATLAS_BASIS_STATED;
}

AtlasEvent *
atlas_event_new (void)
{
  return g_object_new (ATLAS_TYPE_EVENT, NULL);
}

void
atlas_event_update_span (AtlasEvent *self)
{
  if (self->undated)
    {
      self->start = ATLAS_TIME_NONE;
      self->end = ATLAS_TIME_NONE;
      self->span_to = ATLAS_TIME_NONE;
      return;
    }

  self->span_to = atlas_time_period_end (self->start, atlas_event_utc_offset (self), self->precision);

  if (self->end != ATLAS_TIME_NONE)
    {
      gint64 end = atlas_time_period_end (self->end, atlas_event_end_utc_offset (self), self->end_precision);

      self->span_to = MAX (self->span_to, end);
    }
}

void
atlas_event_pack (AtlasEvent                  *self,
                  const char * const          *strings,
                  const AtlasEventPlace       *places,
                  guint                        n_places,
                  const AtlasEventParticipant *participants,
                  guint                        n_participants,
                  const AtlasEventFatality    *fatalities,
                  gsize                        n_fatalities)
{
  gsize lengths[ATLAS_EVENT_N_STRINGS];
  gsize pointers_size = ((gsize) n_places + n_participants) * sizeof (gpointer);
  gsize fatalities_size = n_fatalities > 0 ? sizeof (guint64)
                                             + n_fatalities * sizeof (AtlasEventFatality) : 0;
  gsize links = pointers_size + fatalities_size + n_places + n_participants;
  gsize size = links;
  gpointer *pointers;
  guint8 *roles;
  char *out;

  g_assert (self->block == NULL);
  g_assert (n_places <= G_MAXUINT16 && n_participants <= G_MAXUINT16);

  for (guint i = 0; i < ATLAS_EVENT_N_STRINGS; i++)
    {
      lengths[i] = strings[i] != NULL ? strlen (strings[i]) + 1 : 0;
      size += lengths[i];
    }
  self->block = g_malloc (MAX (size, 1));
  self->n_places = (guint16) n_places;
  self->n_participants = (guint16) n_participants;
  pointers = (gpointer *) (void *) self->block;
  self->has_fatalities = n_fatalities > 0;
  if (n_fatalities > 0)
    {
      guint64 count = n_fatalities;

      memcpy (self->block + pointers_size, &count, sizeof count);
      memcpy (self->block + pointers_size + sizeof count, fatalities,
              n_fatalities * sizeof (AtlasEventFatality));
    }
  roles = (guint8 *) self->block + pointers_size + fatalities_size;
  for (guint i = 0; i < n_places; i++)
    {
      pointers[i] = places[i].location;
      roles[i] = (guint8) places[i].role;
    }
  for (guint i = 0; i < n_participants; i++)
    {
      pointers[n_places + i] = participants[i].actor;
      roles[n_places + i] = (guint8) participants[i].role;
    }

  /* the id and the title first, right after the links: their offsets need not
   * be kept */
  out = self->block + links;
  self->has_id = strings[ATLAS_EVENT_ID] != NULL;
  self->has_title = strings[ATLAS_EVENT_TITLE] != NULL;
  /* past 64 KiB the offsets would not fit: such a block is walked instead */
  self->long_block = size > ATLAS_EVENT_NO_STRING;
  self->present = 0;
  for (guint i = 0; i < ATLAS_EVENT_N_STRINGS; i++)
    {
      if (i > ATLAS_EVENT_TITLE)
        {
          self->strings[i - 2] = strings[i] != NULL && !self->long_block
                                 ? (guint16) (out - self->block) : ATLAS_EVENT_NO_STRING;
          if (strings[i] != NULL)
            self->present |= 1u << (i - 2);
        }
      if (strings[i] != NULL)
        {
          memcpy (out, strings[i], lengths[i]);
          out += lengths[i];
        }
    }
}

static AtlasEventExtras *
ensure_extras (AtlasEvent *self)
{
  if (self->extras == NULL)
    self->extras = g_new0 (AtlasEventExtras, 1);
  return self->extras;
}

void
atlas_event_set_attributed_to (AtlasEvent *self,
                               AtlasActor *actor)
{
  AtlasEventExtras *extras;

  if (actor == NULL && self->extras == NULL)
    return;
  extras = ensure_extras (self);
  g_clear_object (&extras->attributed_to);
  extras->attributed_to = actor;
}

void
atlas_event_set_excerpt_offset (AtlasEvent *self,
                                gint64      offset)
{
  g_assert (offset >= -1);

  if (offset <= G_MAXINT32)
    {
      self->excerpt_offset = (gint32) offset;
      return;
    }
  /* an offset past 2^31 characters (possible for a source without a text) */
  ensure_extras (self)->excerpt_offset = offset;
  self->excerpt_offset = -2;
}

void
atlas_event_add_quote (AtlasEvent            *self,
                       const AtlasEventQuote *quote)
{
  AtlasEventExtras *extras = ensure_extras (self);

  if (extras->quotes == NULL)
    {
      extras->quotes = g_array_new (FALSE, TRUE, sizeof (AtlasEventQuote));
      g_array_set_clear_func (extras->quotes, clear_quote);
    }
  g_array_append_vals (extras->quotes, quote, 1);
}

void
atlas_event_add_property (AtlasEvent               *self,
                          const AtlasEventProperty *property)
{
  AtlasEventExtras *extras = ensure_extras (self);

  if (extras->properties == NULL)
    {
      extras->properties = g_array_new (FALSE, TRUE, sizeof (AtlasEventProperty));
      g_array_set_clear_func (extras->properties, clear_property);
    }
  g_array_append_vals (extras->properties, property, 1);
}

int
atlas_event_compare (AtlasEvent *a,
                     AtlasEvent *b)
{
  if (a->undated != b->undated)
    return a->undated ? 1 : -1;
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  return strcmp (atlas_event_string (a, ATLAS_EVENT_ID),
                 atlas_event_string (b, ATLAS_EVENT_ID));
}

const char *
atlas_event_get_id (AtlasEvent *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), NULL);
  return atlas_event_string (self, ATLAS_EVENT_ID);
}

const char *
atlas_event_get_title (AtlasEvent *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), NULL);
  return atlas_event_string (self, ATLAS_EVENT_TITLE);
}

const char *
atlas_event_get_summary (AtlasEvent *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), NULL);
  return atlas_event_string (self, ATLAS_EVENT_SUMMARY);
}

const char *
atlas_event_get_category (AtlasEvent *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), NULL);
  return self->category;
}

gint64
atlas_event_get_start (AtlasEvent *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), ATLAS_TIME_NONE);
  return self->start;
}

gint64
atlas_event_get_end (AtlasEvent *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), ATLAS_TIME_NONE);
  return self->end;
}

gboolean
atlas_event_is_undated (AtlasEvent *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), FALSE);
  return self->undated;
}

const char *
atlas_event_get_start_text (AtlasEvent *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), NULL);
  return atlas_event_string (self, ATLAS_EVENT_START_TEXT);
}

const char *
atlas_event_get_end_text (AtlasEvent *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), NULL);
  return atlas_event_string (self, ATLAS_EVENT_END_TEXT);
}

int
atlas_event_get_utc_offset (AtlasEvent *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), 0);
  return atlas_event_utc_offset (self);
}

AtlasPrecision
atlas_event_get_precision (AtlasEvent *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), ATLAS_PRECISION_DAY);
  return self->precision;
}

AtlasBasis
atlas_event_get_basis (AtlasEvent *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), ATLAS_BASIS_STATED);
  return self->basis;
}

const char *
atlas_event_get_date_text (AtlasEvent *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), NULL);
  return atlas_event_string (self, ATLAS_EVENT_DATE_TEXT);
}

void
atlas_event_get_span (AtlasEvent *self,
                      gint64     *from,
                      gint64     *to)
{
  g_return_if_fail (ATLAS_IS_EVENT (self));

  if (from != NULL)
    *from = self->start;
  if (to != NULL)
    *to = self->span_to;
}

char *
atlas_event_format_date (AtlasEvent *self)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *range = NULL;
  int sy, sm, sd, ey, em, ed;

  g_return_val_if_fail (ATLAS_IS_EVENT (self), NULL);

  if (self->undated)
    return g_strdup (_("undated"));

  if (self->end == ATLAS_TIME_NONE)
    return atlas_time_format_human (self->start, atlas_event_utc_offset (self), self->precision, self->basis);

  atlas_time_to_civil (self->start + (gint64) atlas_event_utc_offset (self) * ATLAS_USEC_PER_SECOND,
                       &sy, &sm, &sd, NULL, NULL, NULL);
  atlas_time_to_civil (self->end + (gint64) atlas_event_end_utc_offset (self) * ATLAS_USEC_PER_SECOND,
                       &ey, &em, &ed, NULL, NULL, NULL);

  if (self->precision == ATLAS_PRECISION_DAY && self->end_precision == ATLAS_PRECISION_DAY
      && sy == ey && sm == em)
    {
      /* "2 – 4 December 2016": the month and year once */
      /* Translators: a range of days in one month: "2 – 4 December 2016" */
      range = g_strdup_printf (_("%d – %d %s %d"), sd, ed, atlas_time_month_name_in_date (em), ey);
    }
  else
    {
      start = atlas_time_format_human (self->start, atlas_event_utc_offset (self), self->precision,
                                       ATLAS_BASIS_STATED);
      end = atlas_time_format_human (self->end, atlas_event_end_utc_offset (self), self->end_precision,
                                     ATLAS_BASIS_STATED);
      /* Translators: a range of dates: "Monday 5 December 2016 – Friday 9 December 2016" */
      range = g_strdup_printf (_("%s – %s"), start, end);
    }

  switch (self->basis)
    {
    case ATLAS_BASIS_APPROXIMATE:
      return g_strdup_printf (_("%s (approximate)"), range);
    case ATLAS_BASIS_PLANNED:
      return g_strdup_printf (_("%s (planned)"), range);
    case ATLAS_BASIS_STATED:
    case ATLAS_BASIS_RELATIVE:
    case ATLAS_BASIS_REPORTED:
    default:
      return g_steal_pointer (&range);
    }
}

guint
atlas_event_get_n_places (AtlasEvent *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), 0);
  return self->n_places;
}

AtlasLocation *
atlas_event_get_place (AtlasEvent     *self,
                       guint           i,
                       AtlasPlaceRole *role)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), NULL);
  g_return_val_if_fail (i < self->n_places, NULL);

  if (role != NULL)
    *role = atlas_event_place_role (self, i);
  return atlas_event_place_location (self, i);
}

guint
atlas_event_get_n_participants (AtlasEvent *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), 0);
  return self->n_participants;
}

AtlasActor *
atlas_event_get_participant (AtlasEvent           *self,
                             guint                 i,
                             AtlasParticipantRole *role)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), NULL);
  g_return_val_if_fail (i < self->n_participants, NULL);

  if (role != NULL)
    *role = atlas_event_participant_role (self, i);
  return atlas_event_participant_actor (self, i);
}

gboolean
atlas_event_has_actor (AtlasEvent *self,
                       AtlasActor *actor)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), FALSE);

  for (guint i = 0; i < self->n_participants; i++)
    {
      if (atlas_event_participant_actor (self, i) == actor)
        return TRUE;
    }

  return FALSE;
}

gboolean
atlas_event_has_location (AtlasEvent    *self,
                          AtlasLocation *location)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), FALSE);

  for (guint i = 0; i < self->n_places; i++)
    {
      if (atlas_event_place_location (self, i) == location)
        return TRUE;
    }

  return FALSE;
}

AtlasSource *
atlas_event_get_source (AtlasEvent *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), NULL);
  return self->source;
}

const char *
atlas_event_get_excerpt (AtlasEvent *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), NULL);
  return atlas_event_string (self, ATLAS_EVENT_EXCERPT);
}

gint64
atlas_event_get_excerpt_offset (AtlasEvent *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), -1);
  return self->excerpt_offset == -2 ? self->extras->excerpt_offset : self->excerpt_offset;
}

AtlasActor *
atlas_event_get_attributed_to (AtlasEvent *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), NULL);
  return self->extras != NULL ? self->extras->attributed_to : NULL;
}

guint
atlas_event_get_n_quotes (AtlasEvent *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), 0);
  return self->extras != NULL && self->extras->quotes != NULL ? self->extras->quotes->len : 0;
}

const char *
atlas_event_get_quote (AtlasEvent  *self,
                       guint        i,
                       AtlasActor **speaker)
{
  AtlasEventQuote *quote;

  g_return_val_if_fail (ATLAS_IS_EVENT (self), NULL);
  g_return_val_if_fail (i < atlas_event_get_n_quotes (self), NULL);

  quote = &g_array_index (self->extras->quotes, AtlasEventQuote, i);
  if (speaker != NULL)
    *speaker = quote->speaker;
  return quote->text;
}

guint
atlas_event_get_n_fatalities (AtlasEvent *self)
{
  gsize n;

  g_return_val_if_fail (ATLAS_IS_EVENT (self), 0);

  atlas_event_fatalities (self, &n);
  return (guint) n;
}

const char *
atlas_event_get_fatality (AtlasEvent  *self,
                          guint        i,
                          gint64      *count,
                          const char **qualifier)
{
  const AtlasEventFatality *fatality;
  gsize n;

  g_return_val_if_fail (ATLAS_IS_EVENT (self), NULL);
  g_return_val_if_fail (i < atlas_event_get_n_fatalities (self), NULL);

  fatality = &atlas_event_fatalities (self, &n)[i];
  if (count != NULL)
    *count = fatality->count;
  if (qualifier != NULL)
    *qualifier = fatality->qualifier;
  return fatality->kind;
}

guint
atlas_event_get_n_properties (AtlasEvent *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), 0);
  return self->extras != NULL && self->extras->properties != NULL ? self->extras->properties->len : 0;
}

const char *
atlas_event_get_property (AtlasEvent  *self,
                          guint        i,
                          const char **key)
{
  AtlasEventProperty *property;

  g_return_val_if_fail (ATLAS_IS_EVENT (self), NULL);
  g_return_val_if_fail (i < atlas_event_get_n_properties (self), NULL);

  property = &g_array_index (self->extras->properties, AtlasEventProperty, i);
  if (key != NULL)
    *key = property->key;
  return property->value;
}

guint
atlas_event_get_index (AtlasEvent *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT (self), 0);
  return self->index;
}

gboolean
atlas_event_matches_search (AtlasEvent *self,
                            const char *folded_needle)
{
  AtlasEventExtras *extras;

  g_return_val_if_fail (ATLAS_IS_EVENT (self), FALSE);

  if (folded_needle == NULL || *folded_needle == '\0')
    return TRUE;

  /* searches may run on several threads: the extras and the haystack are
   * each set once */
  extras = g_atomic_pointer_get (&self->extras);
  if (extras == NULL)
    {
      AtlasEventExtras *fresh = g_new0 (AtlasEventExtras, 1);

      if (g_atomic_pointer_compare_and_exchange (&self->extras, NULL, fresh))
        extras = fresh;
      else
        {
          g_free (fresh);
          extras = g_atomic_pointer_get (&self->extras);
        }
    }
  if (g_once_init_enter (&extras->folded))
    g_once_init_leave (&extras->folded, build_haystack (self));

  return strstr (extras->folded, folded_needle) != NULL;
}

char *
atlas_event_fold_text (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) stripped = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");

  stripped = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (g_unichar_type (c))
        {
        case G_UNICODE_NON_SPACING_MARK:
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
        case G_UNICODE_FORMAT:
          break;
        default:
          g_string_append_unichar (stripped, c);
          break;
        }
    }

  return g_utf8_casefold (stripped->str, (gssize) stripped->len);
}

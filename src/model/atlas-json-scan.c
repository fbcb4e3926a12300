/* atlas-json-scan.c — a strict pass over raw JSON bytes before json-glib parses them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "atlas-json-scan.h"

#define SHOWN_CHARS 40

/* Up to this many member names, an object's names are compared one by one (no
 * allocation); a bigger object puts them in a hash table. */
#define LINEAR_NAMES 16

typedef struct
{
  gsize start;   /* byte offset of the name's first byte, after the quote */
  gsize length;  /* bytes as written */
} Name;

typedef struct
{
  char        kind;        /* '{' or '[' */
  guint       first_name;  /* this object's names start here in Scan.names */
  GHashTable *names;       /* member names seen so far in a big object, or NULL */
} Level;

typedef struct
{
  const char *data;
  gsize       length;
  gsize       where;
  char       *message;
  gboolean    simple;      /* for tests: a byte at a time, every name hashed */
  gboolean    utf8;        /* check UTF-8 too */
  gboolean    bad_utf8;    /* where: the first byte of an invalid character */
  Name       *names;       /* the names of each open object, outermost first */
  guint       n_names;
  guint       names_size;
} Scan;

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* @length bytes of @text, cut to SHOWN_CHARS characters with an ellipsis */
static char *
shown (const char *text,
       gsize       length)
{
  const char *p = text;
  const char *end = text + length;
  guint n = 0;

  while (p < end && n < SHOWN_CHARS)
    {
      p = g_utf8_next_char (p);
      n++;
    }

  if (p >= end)
    return g_strndup (text, length);
  return g_strdup_printf ("%.*s…", (int) (p - text), text);
}

static gboolean
fail (Scan       *scan,
      gsize       where,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Scan       *scan,
      gsize       where,
      const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  scan->where = where;
  scan->message = g_strdup_vprintf (format, args);
  va_end (args);
  return FALSE;
}

static gboolean
read_hex4 (Scan    *scan,
           gsize    pos,
           guint   *out)
{
  guint value = 0;

  if (pos + 4 > scan->length)
    return FALSE;

  for (gsize k = pos; k < pos + 4; k++)
    {
      int digit = g_ascii_xdigit_value (scan->data[k]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + (guint) digit;
    }

  *out = value;
  return TRUE;
}

/* Offset from @j of the first byte that ends a run of plain ASCII string
 * characters ('"', '\\', a control character or a byte of a multibyte
 * character), looking at eight bytes at a time; or the offset of the last whole
 * word when none of them has one.  Each test below sets a byte's high bit when
 * that byte matches (below 0x20, equal to '"', equal to '\\', 0x80 or above);
 * a borrow can only flag a byte above a real match, so the lowest flagged byte
 * is exact. */
static gsize
skip_plain (const char *data,
            gsize       j,
            gsize       length)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);

  while (j + 8 <= length)
    {
      guint64 word, quote, backslash, hits;

      memcpy (&word, data + j, 8);
      quote = word ^ (ones * '"');
      backslash = word ^ (ones * '\\');
      hits = ((word - ones * 0x20) & ~word) | ((quote - ones) & ~quote)
             | ((backslash - ones) & ~backslash) | word;
      hits &= highs;
      if (hits != 0)
        return j + (gsize) (__builtin_ctzll (hits) / 8);
      j += 8;
    }
#endif

  return j;
}

/* Steps *pos over the character there, a byte of 0x80 or above; FALSE (with
 * scan->bad_utf8) if it is not valid UTF-8 as g_utf8_validate judges it. */
static gboolean
skip_multibyte (Scan  *scan,
                gsize *pos)
{
  gunichar ch;

  if (!scan->utf8)
    {
      (*pos)++;
      return TRUE;
    }

  ch = g_utf8_get_char_validated (scan->data + *pos, (gssize) MIN (scan->length - *pos, 4));
  if (ch == (gunichar) -1 || ch == (gunichar) -2)
    {
      scan->where = *pos;
      scan->bad_utf8 = TRUE;
      return FALSE;
    }
  *pos += (gsize) g_utf8_skip[(guchar) scan->data[*pos]];
  return TRUE;
}

/* *pos is at the opening quote; on return it is just past the closing one, or
 * at the end of the data for an unterminated string (json-glib reports it). */
static gboolean
scan_string (Scan  *scan,
             gsize *pos)
{
  const char *data = scan->data;
  gsize j = *pos + 1;

  while (j < scan->length)
    {
      guchar c;

      if (!scan->simple)
        {
          j = skip_plain (data, j, scan->length);
          if (j >= scan->length)
            break;
        }
      c = (guchar) data[j];

      if (c == '"')
        {
          *pos = j + 1;
          return TRUE;
        }

      if (c >= 0x80)
        {
          if (!skip_multibyte (scan, &j))
            return FALSE;
          continue;
        }

      if (c == '\0' && scan->utf8)
        {
          scan->where = j;
          scan->bad_utf8 = TRUE;
          return FALSE;
        }

      if (c < 0x20)
        return fail (scan, j,
                     _("raw control character U+%04X in a string (JSON needs it escaped, "
                       "as \\u%04X)"), c, c);

      if (c != '\\')
        {
          j++;
          continue;
        }

      if (j + 1 >= scan->length)
        break;

      switch (data[j + 1])
        {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
          j += 2;
          break;

        case 'u':
          {
            guint unit, low;

            if (!read_hex4 (scan, j + 2, &unit))
              return fail (scan, j, "%s",
                           _("invalid \\u escape (it needs four hexadecimal digits)"));
            if (unit == 0)
              return fail (scan, j, "%s",
                           _("\\u0000 is not allowed in a string (it would cut the text short)"));
            if (unit >= 0xD800 && unit <= 0xDBFF)
              {
                if (j + 7 < scan->length && data[j + 6] == '\\' && data[j + 7] == 'u'
                    && read_hex4 (scan, j + 8, &low) && low >= 0xDC00 && low <= 0xDFFF)
                  {
                    j += 12;
                    break;
                  }
                return fail (scan, j, _("unpaired surrogate \\%.5s in a string"), data + j + 1);
              }
            if (unit >= 0xDC00 && unit <= 0xDFFF)
              return fail (scan, j, _("unpaired surrogate \\%.5s in a string"), data + j + 1);
            j += 6;
          }
          break;

        default:
          {
            gsize skip = MIN ((gsize) g_utf8_skip[(guchar) data[j + 1]], scan->length - j - 1);

            return fail (scan, j, _("invalid escape \\%.*s in a string"), (int) skip,
                         data + j + 1);
          }
        }
    }

  *pos = scan->length;
  return TRUE;
}

/* *pos is at a '-' or a digit.  Returns FALSE on a malformed number or an
 * integer beyond 64 bits; sets *is_number when it was a number at all. */
static gboolean
scan_number (Scan     *scan,
             gsize    *pos,
             gboolean *is_number)
{
  const char *data = scan->data;
  gsize start = *pos, j = *pos, token_end;
  gboolean integer = TRUE, valid = TRUE;

  *is_number = FALSE;
  if (data[j] == '-')
    j++;
  if (j >= scan->length || !is_digit (data[j]))
    {
      /* "-Infinity" and the like: json-glib says what is wrong */
      *pos = j;
      return TRUE;
    }
  *is_number = TRUE;

  if (data[j] == '0')
    j++;
  else
    while (j < scan->length && is_digit (data[j]))
      j++;

  if (j < scan->length && data[j] == '.')
    {
      integer = FALSE;
      j++;
      if (j >= scan->length || !is_digit (data[j]))
        valid = FALSE;
      while (j < scan->length && is_digit (data[j]))
        j++;
    }

  if (valid && j < scan->length && (data[j] == 'e' || data[j] == 'E'))
    {
      integer = FALSE;
      j++;
      if (j < scan->length && (data[j] == '+' || data[j] == '-'))
        j++;
      if (j >= scan->length || !is_digit (data[j]))
        valid = FALSE;
      while (j < scan->length && is_digit (data[j]))
        j++;
    }

  if (valid && j < scan->length && !is_space (data[j]) && data[j] != ',' && data[j] != ']'
      && data[j] != '}')
    valid = FALSE;

  if (!valid)
    {
      g_autofree char *token = NULL;

      token_end = j;
      while (token_end < scan->length && !is_space (data[token_end]) && data[token_end] != ','
             && data[token_end] != ']' && data[token_end] != '}' && data[token_end] != '"')
        token_end++;
      token = shown (data + start, token_end - start);
      return fail (scan, start, _("invalid number “%s”"), token);
    }

  /* up to 18 digits always fits in 64 bits */
  if (integer && (scan->simple || j - start - (data[start] == '-') > 18))
    {
      char buffer[24];
      gsize n = j - start;

      errno = 0;
      if (n < sizeof buffer)
        {
          memcpy (buffer, data + start, n);
          buffer[n] = '\0';
          g_ascii_strtoll (buffer, NULL, 10);
        }
      if (n >= sizeof buffer || errno == ERANGE)
        {
          g_autofree char *token = shown (data + start, n);

          return fail (scan, start,
                       _("integer %s is out of range (%lld to %lld)"),
                       token, (long long) G_MININT64, (long long) G_MAXINT64);
        }
    }

  *pos = j;
  return TRUE;
}

/* Records the member name data[start, start + length) of the innermost object;
 * FALSE if that object has a name with the same bytes already. */
static gboolean
add_name (Scan  *scan,
          Level *level,
          gsize  start,
          gsize  length)
{
  if (level->names == NULL)
    {
      guint n = scan->n_names - level->first_name;
      /* no name recorded yet: no array either (NULL + 0 is undefined behaviour) */
      const Name *seen = scan->names != NULL ? scan->names + level->first_name : NULL;

      if (n < LINEAR_NAMES && !scan->simple)
        {
          Name name = { start, length };

          for (guint k = 0; k < n; k++)
            if (seen[k].length == length
                && memcmp (scan->data + seen[k].start, scan->data + start, length) == 0)
              return FALSE;
          if (scan->n_names == scan->names_size)
            {
              scan->names_size = MAX (64, 2 * scan->names_size);
              scan->names = g_renew (Name, scan->names, scan->names_size);
            }
          scan->names[scan->n_names++] = name;
          return TRUE;
        }

      /* a big object (or any object, for the simple scan): from now on, a set */
      level->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint k = 0; k < n; k++)
        g_hash_table_add (level->names, g_strndup (scan->data + seen[k].start, seen[k].length));
      scan->n_names = level->first_name;
    }

  return g_hash_table_add (level->names, g_strndup (scan->data + start, length));
}

/* The bytes the scan below acts on outside strings: the others it steps over */
static const guint8 stops[256] = {
  [0] = 1, ['"'] = 1, ['{'] = 1, ['['] = 1, ['}'] = 1, [']'] = 1, [','] = 1, ['\''] = 1,
  ['-'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
  ['7'] = 1, ['8'] = 1, ['9'] = 1, [0x80 ... 0xFF] = 1,
};

static AtlasJsonScanResult
scan_impl (const char  *data,
           gsize        length,
           guint        max_depth,
           guint64      max_values,
           gboolean     simple,
           gboolean     utf8,
           gsize       *where,
           char       **message)
{
  Scan scan = { data, length, 0, NULL, simple, utf8, FALSE, NULL, 0, 0 };
  g_autofree Level *levels = g_new0 (Level, max_depth + 1);
  AtlasJsonScanResult result = ATLAS_JSON_SCAN_OK;
  gboolean expect_name = FALSE;
  gboolean done = FALSE;   /* the first document is complete */
  guint64 n_values = 1;
  guint depth = 0;
  gsize i = 0;

  *message = NULL;

  while (i < length && result == ATLAS_JSON_SCAN_OK)
    {
      char c;

      /* blank space, colons and the letters of true, false and null need no look */
      if (!done && !simple)
        {
          while (i < length && !stops[(guchar) data[i]])
            i++;
          if (i >= length)
            break;
        }
      c = data[i];

      if (done && !is_space (c))
        {
          fail (&scan, i, "%s", _("unexpected content after the end of the document"));
          result = ATLAS_JSON_SCAN_SYNTAX;
          break;
        }

      switch (c)
        {
        case '"':
          {
            gsize start = i;
            gboolean is_name = expect_name && depth > 0 && levels[depth - 1].kind == '{';

            if (!scan_string (&scan, &i))
              {
                result = scan.bad_utf8 ? ATLAS_JSON_SCAN_ENCODING : ATLAS_JSON_SCAN_SYNTAX;
                break;
              }
            expect_name = FALSE;
            if (depth == 0)
              done = TRUE;
            if (is_name && i > start + 1
                && !add_name (&scan, &levels[depth - 1], start + 1, i - start - 2))
                  {
                    g_autofree char *name_shown = shown (data + start + 1, i - start - 2);

                    fail (&scan, start, _("duplicate member name \"%s\" in an object"),
                          name_shown);
                    result = ATLAS_JSON_SCAN_SYNTAX;
                  }
          }
          continue;

        case '{':
        case '[':
          if (depth >= max_depth)
            {
              scan.where = i;
              result = ATLAS_JSON_SCAN_TOO_DEEP;
              break;
            }
          if (++n_values > max_values)
            {
              scan.where = i;
              result = ATLAS_JSON_SCAN_TOO_MANY;
              break;
            }
          levels[depth].kind = c;
          levels[depth].first_name = scan.n_names;
          levels[depth].names = NULL;
          depth++;
          expect_name = c == '{';
          break;

        case '}':
        case ']':
          if (depth > 0)
            {
              depth--;
              g_clear_pointer (&levels[depth].names, g_hash_table_unref);
              scan.n_names = levels[depth].first_name;
              if (depth == 0)
                done = TRUE;
            }
          expect_name = FALSE;
          break;

        case ',':
          if (++n_values > max_values)
            {
              scan.where = i;
              result = ATLAS_JSON_SCAN_TOO_MANY;
              break;
            }
          expect_name = depth > 0 && levels[depth - 1].kind == '{';
          break;

        case '\'':
          fail (&scan, i, "%s", _("single quotes are not JSON (strings take double quotes)"));
          result = ATLAS_JSON_SCAN_SYNTAX;
          break;

        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          {
            gboolean is_number;

            if (!scan_number (&scan, &i, &is_number))
              result = ATLAS_JSON_SCAN_SYNTAX;
            else if (is_number && depth == 0)
              done = TRUE;
          }
          continue;

        default:
          if (scan.utf8 && (guchar) c >= 0x80)
            {
              if (!skip_multibyte (&scan, &i))
                result = ATLAS_JSON_SCAN_ENCODING;
              continue;
            }
          if (scan.utf8 && c == '\0')
            {
              scan.where = i;
              scan.bad_utf8 = TRUE;
              result = ATLAS_JSON_SCAN_ENCODING;
            }
          break;
        }

      i++;
    }

  /* invalid UTF-8 anywhere comes first: after another problem, look at the rest */
  if (scan.utf8 && result != ATLAS_JSON_SCAN_OK && result != ATLAS_JSON_SCAN_ENCODING)
    {
      const char *invalid;

      if (!g_utf8_validate_len (data, length, &invalid))
        {
          g_clear_pointer (&scan.message, g_free);
          scan.where = (gsize) (invalid - data);
          result = ATLAS_JSON_SCAN_ENCODING;
        }
    }

  for (guint k = 0; k <= max_depth; k++)
    g_clear_pointer (&levels[k].names, g_hash_table_unref);
  g_free (scan.names);

  *where = scan.where;
  *message = scan.message;
  return result;
}

AtlasJsonScanResult
atlas_json_scan (const char  *data,
                 gsize        length,
                 guint        max_depth,
                 guint64      max_values,
                 gsize       *where,
                 char       **message)
{
  g_return_val_if_fail (data != NULL || length == 0, ATLAS_JSON_SCAN_OK);
  g_return_val_if_fail (where != NULL && message != NULL, ATLAS_JSON_SCAN_OK);

  return scan_impl (data, length, max_depth, max_values, FALSE, FALSE, where, message);
}

AtlasJsonScanResult
atlas_json_scan_utf8 (const char  *data,
                      gsize        length,
                      guint        max_depth,
                      guint64      max_values,
                      gsize       *where,
                      char       **message)
{
  g_return_val_if_fail (data != NULL || length == 0, ATLAS_JSON_SCAN_OK);
  g_return_val_if_fail (where != NULL && message != NULL, ATLAS_JSON_SCAN_OK);

  return scan_impl (data, length, max_depth, max_values, FALSE, TRUE, where, message);
}

AtlasJsonScanResult
atlas_json_scan_simple (const char  *data,
                        gsize        length,
                        guint        max_depth,
                        guint64      max_values,
                        gsize       *where,
                        char       **message)
{
  g_return_val_if_fail (data != NULL || length == 0, ATLAS_JSON_SCAN_OK);
  g_return_val_if_fail (where != NULL && message != NULL, ATLAS_JSON_SCAN_OK);

  return scan_impl (data, length, max_depth, max_values, TRUE, FALSE, where, message);
}

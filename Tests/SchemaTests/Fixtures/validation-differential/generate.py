"""Random GraphQL documents (valid and invalid) for a differential test of validation against graphql-core."""
import json, os, random, sys

HERE = os.path.dirname(os.path.abspath(__file__))
from graphql import (build_schema, parse, validate, GraphQLError, get_named_type, is_composite_type, is_leaf_type,
    is_input_object_type, is_enum_type, is_scalar_type, is_list_type, is_non_null_type, is_object_type,
    is_interface_type, is_union_type, is_abstract_type, GraphQLList, GraphQLNonNull, is_input_type)
from graphql.validation import specified_rules

class Gen:
    def __init__(self, schema, rng):
        self.s = schema
        self.r = rng
        self.types = [t for n, t in schema.type_map.items() if not n.startswith('__')]
        self.composites = [t for t in self.types if is_composite_type(t)]
        self.inputs = [t for t in self.types if is_input_type(t)]
        self.directives = [d.name for d in schema.directives]
        self.noise = rng.choice([0, 0, 0.05, 0.2, 0.5, 1])

    def p(self, x): return self.r.random() < x
    def e(self, x): return self.r.random() < x * self.noise

    def name(self):
        return self.r.choice(['a', 'b', 'x', 'y', 'foo', 'bar', 'name', 'id', 'node', 'nodes', 'first'])

    # --- types and values
    def type_ref(self, t):
        if is_non_null_type(t): return self.type_ref(t.of_type) + '!'
        if is_list_type(t): return '[' + self.type_ref(t.of_type) + ']'
        return t.name

    def random_input_type_ref(self):
        if self.e(0.05): return self.r.choice(['Unknown', 'Strin', 'Int', 'Boolean!'])
        if self.e(0.05) and self.composites: return self.r.choice(self.composites).name
        t = self.r.choice(self.inputs)
        ref = t.name
        if self.p(0.2): ref = '[' + ref + ('!' if self.p(0.3) else '') + ']'
        if self.p(0.3): ref += '!'
        return ref

    def value(self, t, depth=0, vars=None):
        """A literal for input type t; sometimes wrong."""
        if vars is not None and self.p(0.12):
            return '$' + self.var_for(t, vars)
        wrong = self.e(0.08)
        if wrong:
            return self.r.choice(['"str"', '1', '1.5', 'true', 'null', 'ENUMV', '[1, 2]', '{a: 1}', '2147483648', '"x"'])
        if is_non_null_type(t):
            return self.value(t.of_type, depth, vars)
        if self.e(0.05): return 'null'
        if is_list_type(t):
            if self.p(0.3): return self.value(t.of_type, depth + 1, vars)
            n = self.r.randint(0, 3)
            return '[' + ', '.join(self.value(t.of_type, depth + 1, vars) for _ in range(n)) + ']'
        if is_enum_type(t):
            vals = list(t.values)
            return self.r.choice(vals) if vals and not self.e(0.1) else 'UNKNOWN_VALUE'
        if is_input_object_type(t):
            if depth > 3: return '{}'
            fields = []
            names = list(t.fields)
            for fname, f in t.fields.items():
                if is_non_null_type(f.type) and f.default_value is None and not self.e(0.1):
                    fields.append((fname, f))
                elif self.p(0.4):
                    fields.append((fname, f))
            if t.is_one_of if hasattr(t, 'is_one_of') else False:
                fields = fields[:1] if not self.e(0.2) else fields
            parts = [f'{n}: {self.value(f.type, depth + 1, vars)}' for n, f in fields]
            if self.e(0.08): parts.append('unknownField: 1')
            if self.e(0.05) and parts: parts.append(parts[0])
            self.r.shuffle(parts)
            return '{' + ', '.join(parts) + '}'
        name = t.name
        if name == 'Int': return str(self.r.choice([0, 1, -5, 42]))
        if name == 'Float': return self.r.choice(['1.5', '2', '-0.25', '1e3'])
        if name == 'String': return self.r.choice(['"hello"', '"""block"""', '""'])
        if name == 'Boolean': return self.r.choice(['true', 'false'])
        if name == 'ID': return self.r.choice(['"1"', '4'])
        return self.r.choice(['"2026-01-01T00:00:00Z"', '"anything"', '3'])

    def var_for(self, t, vars):
        if vars and self.p(0.5):
            return self.r.choice(list(vars))
        if self.e(0.1):
            return 'undefinedVar'
        name = 'v%d' % len(vars)
        ref = self.type_ref(t)
        if self.e(0.2): ref = self.random_input_type_ref()
        if self.e(0.2) and ref.endswith('!'): ref = ref[:-1]
        vars[name] = ref
        return name

    # --- selections
    def field_def(self, parent, fname):
        if is_object_type(parent) or is_interface_type(parent):
            return parent.fields.get(fname)
        return None

    def directives_str(self, loc, vars):
        out = []
        if self.p(0.12):
            d = self.r.choice(['skip', 'include'])
            cond = self.r.choice(['true', 'false']) if vars is None or self.p(0.6) else '$' + self.var_for(GraphQLNonNull(self.s.type_map['Boolean']), vars)
            out.append(f'@{d}(if: {cond})')
            if self.e(0.1): out.append(f'@{d}(if: true)')
        if self.e(0.03): out.append('@unknownDirective')
        if self.e(0.03): out.append(self.r.choice(['@skip', '@deprecated', '@include(if: 1)', '@skip(unless: true, if: false)']))
        if self.e(0.03) and len(self.directives) > 5: out.append('@' + self.r.choice(self.directives[5:]))
        return (' ' + ' '.join(out)) if out else ''

    def selection_set(self, parent, depth, vars, frags, indent):
        n = self.r.randint(1, (4 if depth < 2 else 2) if not SMALL else (3 if depth < 1 else 2))
        sels = []
        for _ in range(n):
            k = self.r.random()
            if k < 0.72 or depth > (4 if not SMALL else 2):
                sels.append(self.field(parent, depth, vars, frags, indent))
            elif k < 0.86:
                sels.append(self.inline_fragment(parent, depth, vars, frags, indent))
            else:
                sels.append(self.spread(parent, depth, vars, frags))
        if self.p(0.1) and sels:
            sels.append(self.r.choice(sels))  # a repeated selection
        pad = '  ' * (indent + 1)
        return '{\n' + ''.join(pad + s + '\n' for s in sels) + '  ' * indent + '}'

    def field(self, parent, depth, vars, frags, indent):
        fields = list(parent.fields) if (is_object_type(parent) or is_interface_type(parent)) else []
        k = self.r.random()
        if k < 0.06 * max(self.noise, 0.1) or not fields:
            fname = self.r.choice(['__typename', 'unknownField', 'nam', 'id']) if self.noise else '__typename'
        elif k < 0.08:
            fname = self.r.choice(['__schema', '__type'])
        else:
            fname = self.r.choice(fields)
        fdef = self.field_def(parent, fname)
        alias = ''
        if self.p(0.15 * max(self.noise, 0.2)):
            alias = self.r.choice(fields + ['a', 'b'] if fields else ['a', 'b']) + ': '
        args = []
        if fdef is not None:
            for aname, a in fdef.args.items():
                required = is_non_null_type(a.type) and a.default_value is None
                if (required and not self.e(0.07)) or self.p(0.35):
                    args.append(f'{aname}: {self.value(a.type, 0, vars)}')
        elif fname == '__type':
            args.append('name: "Query"')
        if self.e(0.04): args.append('unknownArg: 1')
        if self.e(0.03) and args: args.append(args[0])
        s = alias + fname + ('(' + ', '.join(args) + ')' if args else '')
        s += self.directives_str('FIELD', vars)
        ftype = get_named_type(fdef.type) if fdef is not None else None
        if fname == '__schema': ftype = self.s.type_map['__Schema']
        if fname == '__type': ftype = self.s.type_map['__Type']
        if ftype is not None and is_composite_type(ftype):
            if not self.e(0.03) and depth < (6 if not SMALL else 3):
                s += ' ' + self.selection_set(ftype, depth + 1, vars, frags, indent + 1)
        elif self.e(0.03) or (ftype is None and self.e(0.3)):
            s += ' { id }'
        return s

    def pick_type_condition(self, parent):
        k = self.r.random()
        if k < 0.5 and is_abstract_type(parent):
            pts = list(self.s.get_possible_types(parent))
            if pts: return self.r.choice(pts)
        if k < 0.75: return parent
        if k < 0.75 + 0.2 * self.noise: return self.r.choice(self.composites)
        if k < 0.95: return parent
        return self.r.choice(self.types)

    def inline_fragment(self, parent, depth, vars, frags, indent):
        if self.p(0.15):
            return '...' + self.directives_str('INLINE_FRAGMENT', vars) + ' ' + self.selection_set(parent, depth + 1, vars, frags, indent)
        t = self.pick_type_condition(parent)
        sel_type = t if is_composite_type(t) else parent
        return f'... on {t.name}' + self.directives_str('INLINE_FRAGMENT', vars) + ' ' + self.selection_set(sel_type, depth + 1, vars, frags, indent)

    def spread(self, parent, depth, vars, frags):
        if self.e(0.05): return '...UnknownFragment'
        if frags and self.p(0.4):
            return '...' + self.r.choice(list(frags)) + self.directives_str('FRAGMENT_SPREAD', vars)
        name = 'F%d' % len(frags)
        t = self.pick_type_condition(parent)
        frags[name] = (t, depth)
        return '...' + name + self.directives_str('FRAGMENT_SPREAD', vars)

    def document(self):
        ops = []
        frags = {}
        nops = 1 if self.p(0.8) else self.r.randint(2, 3)
        for i in range(nops):
            vars = {}
            kind = 'query'
            if self.e(0.06): kind = 'mutation'
            if self.e(0.04): kind = 'subscription'
            root = {'query': self.s.query_type, 'mutation': self.s.mutation_type, 'subscription': self.s.subscription_type}[kind] or self.s.query_type
            body = self.selection_set(root, 0, vars, frags, 0)
            if self.e(0.1): vars['unused%d' % i] = self.random_input_type_ref()
            if self.e(0.03) and vars: vars_list = list(vars.items()) + [list(vars.items())[0]]
            else: vars_list = list(vars.items())
            vdefs = []
            for vn, vt in vars_list:
                d = f'${vn}: {vt}'
                if self.p(0.15):
                    try:
                        from graphql import type_from_ast, parse_type
                        tt = type_from_ast(self.s, parse_type(vt))
                        if tt is not None and is_input_type(tt): d += ' = ' + self.value(tt, 0, None)
                        else: d += ' = 1'
                    except Exception:
                        d += ' = 1'
                if self.e(0.03): d += ' @skip(if: true)'
                vdefs.append(d)
            named = nops > 1 and not self.p(0.1) or self.p(0.5)
            name = ' Op%d' % (i if not self.e(0.05) else 0) if named else ''
            header = kind + name + ('(' + ', '.join(vdefs) + ')' if vdefs else '')
            header += self.directives_str(kind.upper(), None)
            if kind == 'query' and not header.strip() != 'query' and self.p(0.3):
                header = ''
            ops.append((header + ' ' if header else '') + body)
        # define fragments (they may spread each other; definitions appended as discovered)
        defs = []
        done = set()
        while True:
            pending = [n for n in frags if n not in done]
            if not pending: break
            for n in pending:
                done.add(n)
                if self.e(0.04): continue  # left undefined
                t, depth = frags[n]
                sel_type = t if is_composite_type(t) else self.s.query_type
                body = self.selection_set(sel_type, depth + 1, {}, frags if len(frags) < 6 else dict(frags), 0)
                d = f'fragment {n} on {t.name}' + self.directives_str('FRAGMENT_DEFINITION', None) + ' ' + body
                defs.append(d)
                if self.e(0.03): defs.append(d)  # duplicate
        if self.e(0.05): defs.append('fragment Unused on %s { __typename }' % self.r.choice(self.composites).name)
        if self.e(0.02): defs.append('type Extra { a: String }')
        if self.e(0.03): defs.append(self.r.choice([
            'type Extra implements Node @tag(name: 1) @once(level: 1) @once(level: 2) { a(x: Int = "s"): Strng @deprecated @deprecated }',
            'extend type Query @tag @unknown { more: [Kind] }',
            'input In { a: Int = {b: 1, b: 2} @skip(if: true) }',
            'directive @mine(a: Int!, b: String) on FIELD | OBJECT',
            'schema @once(level: 1) { query: Query }',
            'extend schema @once(level: 1) @once(level: 2)',
            'enum E @tag(name: "e") { A @deprecated(reason: 1) B }',
            'union U @oneOf = User | Missing',
            'scalar Date @specifiedBy(url: 1) @specifiedBy(url: "x")',
            'interface I implements Unknown { f: Int @tag(name: "f", name: "g") }']))
        parts = ops + defs
        self.r.shuffle(parts) if self.p(0.2) else None
        return '\n\n'.join(parts) + '\n'

def locations(e):
    # graphql-core 3.2.8's Source.get_location is off for nodes at column 1 (it uses splitlines on the prefix);
    # the start token knows the right line and column.
    if e.nodes and all(n.loc for n in e.nodes):
        return [[n.loc.start_token.line, n.loc.start_token.column] for n in e.nodes]
    return [[l.line, l.column] for l in (e.locations or [])]

SMALL = False

def main():
    global SMALL
    seed = int(sys.argv[1]); count = int(sys.argv[2]); out = sys.argv[3]
    SMALL = len(sys.argv) > 4 and sys.argv[4] == 'small'
    schemas = {
        'harness': open(HERE + '/../validation-harness.graphql').read(),
        'snowgate': open(HERE + '/../../../../schema.graphql').read(),
        'extra': open(HERE + '/extra.graphql').read(),
    }
    built = {k: build_schema(v) for k, v in schemas.items()}
    rng = random.Random(seed)
    corpus = []
    skipped = 0
    while len(corpus) < count:
        key = rng.choice(list(built))
        g = Gen(built[key], rng)
        doc = g.document()
        try:
            ast = parse(doc)
        except GraphQLError:
            skipped += 1
            continue
        try:
            errors = validate(built[key], ast)
        except Exception as e:
            skipped += 1
            continue
        corpus.append({'schema': key, 'document': doc,
                       'errors': [{'message': e.message, 'locations': locations(e)} for e in errors]})
    with open(out, 'w') as f:
        f.write('[\n' + ',\n'.join(json.dumps(c) for c in corpus) + '\n]\n')
    valid = sum(1 for c in corpus if not c['errors'])
    print(f'{len(corpus)} documents, {valid} valid, {skipped} skipped', file=sys.stderr)

main()

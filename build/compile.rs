//! Compiles the built-in Tera templates to Rust at build time, so `jobgen
//! new` does not lex, parse and compile them on every run.
//!
//! Only the part of Tera 2 the built-in templates use is understood: text,
//! comments and whitespace control (`{%-`, `-%}`, exactly as Tera's lexer
//! trims), `{{ expr }}`, `if`/`elif`/`else`, `for x in expr` (with
//! `loop.first`, `loop.last`, `loop.index`, `loop.index0`) and top-level
//! block `set`. Expressions: variables and attributes, string, integer and
//! boolean literals, `none`, `not`, `and`, `or`, `==`, `!=`, `in`, `not in`,
//! `is [not] none`, `+`, `~`, parentheses, the inline `a if c else b`, and
//! the filters `yaml`, `shell`, `josa(p=)`, `trim`, `indent(width=, first=,
//! blank=)` and `join(sep=)` with literal arguments, bound as Tera binds
//! them. Anything else is a build error naming the template, so a built-in
//! template can never silently render differently from Tera.
//!
//! The generated functions return `None` whenever a value is not one they
//! are sure to render as Tera does (a float, a missing variable, a filter
//! on the wrong type); the caller then renders with Tera, whose output or
//! error stands. `tests/it/matrix.rs` renders every built-in template both
//! ways over the whole option space and random text and requires equal
//! bytes.

use std::fmt::Write as _;

/// One piece of a template before whitespace control.
#[derive(Debug)]
enum Piece<'a> {
    Text(&'a str),
    /// `{{ }}` or `{% %}`: (is_tag, trim before, trim after, body).
    Code(bool, bool, bool, &'a str),
    /// `{# #}`: (trim before, trim after).
    Comment(bool, bool),
}

/// Splits a template into text, code and comments.
fn pieces(src: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut out = Vec::new();
    let mut rest = src;
    while !rest.is_empty() {
        let start = ["{{", "{%", "{#"]
            .iter()
            .filter_map(|m| rest.find(m))
            .min()
            .unwrap_or(rest.len());
        if start > 0 {
            out.push(Piece::Text(&rest[..start]));
            rest = &rest[start..];
            continue;
        }
        let kind = &rest[..2];
        let after = &rest[2..];
        let (trim_before, body_start) = match after.strip_prefix('-') {
            Some(b) => (true, b),
            None => (false, after),
        };
        if kind == "{#" {
            let end = body_start.find("#}").ok_or("an unclosed comment")?;
            let trim_after = body_start[..end].ends_with('-');
            out.push(Piece::Comment(trim_before, trim_after));
            rest = &body_start[end + 2..];
            continue;
        }
        let close = if kind == "{{" { "}}" } else { "%}" };
        let end = code_end(body_start, close)?;
        let body = &body_start[..end];
        let (trim_after, body) = match body.strip_suffix('-') {
            Some(b) => (true, b),
            None => (false, body),
        };
        out.push(Piece::Code(
            kind == "{%",
            trim_before,
            trim_after,
            body.trim(),
        ));
        rest = &body_start[end + close.len()..];
    }
    Ok(out)
}

/// Where `close` ends a tag body, skipping string literals.
fn code_end(body: &str, close: &str) -> Result<usize, String> {
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            q @ (b'"' | b'\'' | b'`') => {
                let end = body[i + 1..]
                    .find(q as char)
                    .ok_or("an unclosed string literal")?;
                if body[i + 1..i + 1 + end].contains('\\') {
                    return Err("a string literal with a backslash escape".into());
                }
                i += end + 2;
            }
            _ if body[i..].starts_with(close) => return Ok(i),
            _ => i += 1,
        }
    }
    Err(format!("a tag not closed by {close}"))
}

/// Text after whitespace control, and code, in order (as Tera's
/// `whitespace_filter`: text is trimmed at the start after a `-%}`, `-}}`
/// or `-#}`, and at the end before a `{%-`, `{{-` or `{#-`).
#[derive(Debug)]
enum Item<'a> {
    Text(String),
    Code(bool, &'a str),
}

fn items<'a>(pieces: &[Piece<'a>]) -> Vec<Item<'a>> {
    let mut out = Vec::new();
    let mut trim_start = false;
    for (i, piece) in pieces.iter().enumerate() {
        match *piece {
            Piece::Text(text) => {
                let mut text = text;
                if trim_start {
                    text = text.trim_start();
                    trim_start = false;
                }
                if matches!(
                    pieces.get(i + 1),
                    Some(Piece::Code(_, true, _, _) | Piece::Comment(true, _))
                ) {
                    text = text.trim_end();
                }
                if !text.is_empty() {
                    out.push(Item::Text(text.to_string()));
                }
            }
            Piece::Code(tag, _, trim_after, body) => {
                trim_start = trim_after;
                out.push(Item::Code(tag, body));
            }
            // A comment keeps an earlier `-%}` pending (Tera does).
            Piece::Comment(_, trim_after) => trim_start |= trim_after,
        }
    }
    out
}

/// An expression token.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Int(i64),
    Op(&'static str),
}

fn tokens(src: &str) -> Result<Vec<Tok>, String> {
    const OPS: [&str; 13] = [
        "==", "!=", "(", ")", ",", "=", "|", "~", "+", ".", "<", ">", "-",
    ];
    let mut out = Vec::new();
    let mut rest = src.trim_start();
    while !rest.is_empty() {
        let c = rest.chars().next().unwrap_or(' ');
        if c == '"' || c == '\'' || c == '`' {
            let end = rest[1..].find(c).ok_or("an unclosed string")?;
            out.push(Tok::Str(rest[1..1 + end].to_string()));
            rest = &rest[end + 2..];
        } else if c.is_ascii_digit() {
            let end = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            if rest[end..].starts_with('.') {
                return Err(format!("a float in `{src}`"));
            }
            let n = rest[..end].parse().map_err(|_| "a large integer")?;
            out.push(Tok::Int(n));
            rest = &rest[end..];
        } else if c.is_ascii_alphabetic() || c == '_' {
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            out.push(Tok::Ident(rest[..end].to_string()));
            rest = &rest[end..];
        } else if let Some(op) = OPS.iter().find(|op| rest.starts_with(**op)) {
            if matches!(*op, "<" | ">" | "-") {
                return Err(format!("`{op}` in `{src}`"));
            }
            out.push(Tok::Op(op));
            rest = &rest[op.len()..];
        } else {
            return Err(format!("`{c}` in `{src}`"));
        }
        rest = rest.trim_start();
    }
    Ok(out)
}

/// An expression, as Tera 2's parser groups it.
#[derive(Debug, Clone)]
enum Expr {
    Str(String),
    Int(i64),
    Bool(bool),
    None,
    /// A variable and its attributes: `files.configmap`.
    Path(Vec<String>),
    Not(Box<Expr>),
    /// `==`, `!=`, `in`, `and`, `or`, `+`, `~`.
    Binary(&'static str, Box<Expr>, Box<Expr>),
    /// `x is none` (`true`: `is not none`).
    IsNone(Box<Expr>, bool),
    Filter(Box<Expr>, String, Vec<(String, Expr)>),
    /// (condition, then, else).
    Ternary(Box<Expr>, Box<Expr>, Box<Expr>),
}

/// A Pratt parser with Tera 2's binding powers.
struct Parser {
    toks: Vec<Tok>,
    at: usize,
}

fn binding(op: &str) -> Option<(u8, u8)> {
    Some(match op {
        "or" => (1, 2),
        "and" => (3, 4),
        "in" | "is" => (5, 6),
        "==" | "!=" => (7, 8),
        "+" => (11, 12),
        "~" => (13, 14),
        "|" => (17, 18),
        _ => return None,
    })
}

impl Parser {
    fn new(src: &str) -> Result<Parser, String> {
        Ok(Parser {
            toks: tokens(src)?,
            at: 0,
        })
    }

    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at)
    }

    fn next(&mut self) -> Result<Tok, String> {
        let t = self
            .toks
            .get(self.at)
            .cloned()
            .ok_or("an unfinished expression")?;
        self.at += 1;
        Ok(t)
    }

    fn expect(&mut self, want: Tok) -> Result<(), String> {
        match self.next()? {
            t if t == want => Ok(()),
            t => Err(format!("{t:?} where {want:?} was expected")),
        }
    }

    fn ident(&mut self) -> Result<String, String> {
        match self.next()? {
            Tok::Ident(s) => Ok(s),
            t => Err(format!("{t:?} where a name was expected")),
        }
    }

    fn done(&self) -> Result<(), String> {
        match self.peek() {
            None => Ok(()),
            Some(t) => Err(format!("unexpected {t:?}")),
        }
    }

    fn expr(&mut self, min_bp: u8) -> Result<Expr, String> {
        let mut lhs = match self.next()? {
            Tok::Str(s) => Expr::Str(s),
            Tok::Int(i) => Expr::Int(i),
            Tok::Op("(") => {
                let e = self.expr(0)?;
                self.expect(Tok::Op(")"))?;
                e
            }
            Tok::Ident(id) => match id.as_str() {
                "true" => Expr::Bool(true),
                "false" => Expr::Bool(false),
                "none" | "None" | "null" => Expr::None,
                "not" => Expr::Not(Box::new(self.expr(5)?)),
                _ => {
                    let mut path = vec![id];
                    while self.peek() == Some(&Tok::Op(".")) {
                        self.at += 1;
                        path.push(self.ident()?);
                    }
                    Expr::Path(path)
                }
            },
            t => return Err(format!("{t:?} where a value was expected")),
        };
        loop {
            let op = match self.peek() {
                Some(Tok::Op(op)) => *op,
                Some(Tok::Ident(id)) => match id.as_str() {
                    "and" => "and",
                    "or" => "or",
                    "in" => "in",
                    "is" => "is",
                    "not" => "not in",
                    "if" => "if",
                    _ => break,
                },
                _ => break,
            };
            if op == "if" {
                if min_bp > 0 {
                    break;
                }
                self.at += 1;
                let cond = self.expr(0)?;
                if self.ident()? != "else" {
                    return Err("an inline `if` without `else`".into());
                }
                let other = self.expr(0)?;
                return Ok(Expr::Ternary(
                    Box::new(cond),
                    Box::new(lhs),
                    Box::new(other),
                ));
            }
            let key = if op == "not in" { "in" } else { op };
            let Some((l_bp, r_bp)) = binding(key) else {
                break;
            };
            if l_bp < min_bp {
                break;
            }
            self.at += 1;
            if op == "not in" && self.ident()? != "in" {
                return Err("`not` here is only valid as `not in`".into());
            }
            lhs = match key {
                "is" => {
                    let negated = self.peek() == Some(&Tok::Ident("not".into()));
                    if negated {
                        self.at += 1;
                    }
                    match self.ident()?.as_str() {
                        "none" => Expr::IsNone(Box::new(lhs), negated),
                        t => return Err(format!("the test `{t}`")),
                    }
                }
                "|" => self.filter(lhs)?,
                _ => {
                    let rhs = self.expr(r_bp)?;
                    let e = Expr::Binary(key, Box::new(lhs), Box::new(rhs));
                    match op {
                        "not in" => Expr::Not(Box::new(e)),
                        _ => e,
                    }
                }
            };
        }
        Ok(lhs)
    }

    fn filter(&mut self, lhs: Expr) -> Result<Expr, String> {
        let name = self.ident()?;
        let mut kwargs = Vec::new();
        if self.peek() == Some(&Tok::Op("(")) {
            self.at += 1;
            while self.peek() != Some(&Tok::Op(")")) {
                let key = self.ident()?;
                self.expect(Tok::Op("="))?;
                let value = match self.next()? {
                    Tok::Str(s) => Expr::Str(s),
                    Tok::Int(i) => Expr::Int(i),
                    Tok::Ident(b) if b == "true" => Expr::Bool(true),
                    Tok::Ident(b) if b == "false" => Expr::Bool(false),
                    t => return Err(format!("filter argument {t:?} (only literals)")),
                };
                kwargs.push((key, value));
                if self.peek() == Some(&Tok::Op(",")) {
                    self.at += 1;
                }
            }
            self.at += 1;
        }
        let allowed: &[&str] = match name.as_str() {
            "yaml" | "shell" | "trim" => &[],
            "josa" => &["p"],
            "join" => &["sep"],
            "indent" => &["width", "first", "blank"],
            other => return Err(format!("the filter `{other}`")),
        };
        if let Some((k, _)) = kwargs.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
            return Err(format!("the argument `{k}` of `{name}`"));
        }
        if name == "josa" && kwargs.is_empty() {
            return Err("`josa` without `p`".into());
        }
        Ok(Expr::Filter(Box::new(lhs), name, kwargs))
    }
}

fn parse_expr(src: &str) -> Result<Expr, String> {
    let mut p = Parser::new(src)?;
    let e = p.expr(0)?;
    p.done()?;
    Ok(e)
}

/// A statement.
#[derive(Debug)]
enum Node {
    Text(String),
    Print(Expr),
    /// (condition, body) branches, and the `else` body.
    If(Vec<(Expr, Vec<Node>)>, Vec<Node>),
    For(String, Expr, Vec<Node>),
    Set(String, Vec<Node>),
}

/// Parses items into nodes until one of `ends` (returned with its body).
fn nodes<'a>(
    items: &mut std::iter::Peekable<std::vec::IntoIter<Item<'a>>>,
    ends: &[&str],
) -> Result<(Vec<Node>, Option<String>), String> {
    let mut out = Vec::new();
    while let Some(item) = items.next() {
        match item {
            Item::Text(t) => out.push(Node::Text(t)),
            Item::Code(false, body) => out.push(Node::Print(parse_expr(body)?)),
            Item::Code(true, body) => {
                let word = body.split_whitespace().next().unwrap_or_default();
                let rest = body[word.len()..].trim();
                if ends.contains(&word) {
                    return Ok((out, Some(body.to_string())));
                }
                match word {
                    "if" => out.push(if_node(items, rest)?),
                    "for" => {
                        let mut p = Parser::new(rest)?;
                        let var = p.ident()?;
                        if p.ident()? != "in" {
                            return Err(format!("`for {rest}`"));
                        }
                        let iter = p.expr(0)?;
                        p.done()?;
                        let (body, end) = nodes(items, &["endfor"])?;
                        if end.is_none() {
                            return Err("a `for` without `endfor`".into());
                        }
                        out.push(Node::For(var, iter, body));
                    }
                    "set" if !rest.contains('=') => {
                        let (body, end) = nodes(items, &["endset"])?;
                        if end.is_none() {
                            return Err("a `set` without `endset`".into());
                        }
                        out.push(Node::Set(rest.to_string(), body));
                    }
                    _ => return Err(format!("the tag `{body}`")),
                }
            }
        }
    }
    Ok((out, None))
}

fn if_node(
    items: &mut std::iter::Peekable<std::vec::IntoIter<Item<'_>>>,
    condition: &str,
) -> Result<Node, String> {
    let mut branches = Vec::new();
    let mut condition = parse_expr(condition)?;
    loop {
        let (body, end) = nodes(items, &["elif", "else", "endif"])?;
        let end = end.ok_or("an `if` without `endif`")?;
        branches.push((condition, body));
        let word = end.split_whitespace().next().unwrap_or_default();
        match word {
            "elif" => condition = parse_expr(end[4..].trim())?,
            "else" => {
                let (body, end) = nodes(items, &["endif"])?;
                end.ok_or("an `else` without `endif`")?;
                return Ok(Node::If(branches, body));
            }
            _ => return Ok(Node::If(branches, Vec::new())),
        }
    }
}

/// What a name means at a point of the template.
enum Binding {
    /// A loop variable: (Rust element name, Rust index name, Rust length name).
    Loop(String, String, String),
    /// A `set` variable held in a Rust local.
    Set(String),
}

struct Gen {
    code: String,
    scopes: Vec<(String, Binding)>,
    counter: usize,
}

impl Gen {
    fn fresh(&mut self, what: &str) -> String {
        self.counter += 1;
        format!("{what}_{}", self.counter)
    }

    fn lookup(&self, name: &str) -> Option<&Binding> {
        self.scopes
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b)
    }

    /// A Rust expression of type `Cow<'_, Value>` (with `?` for "not sure").
    fn expr(&self, e: &Expr) -> Result<String, String> {
        Ok(match e {
            Expr::Str(s) => format!("rt::string({s:?})"),
            Expr::Int(i) => format!("rt::int({i})"),
            Expr::Bool(b) => format!("rt::boolean({b})"),
            Expr::None => "rt::none()".into(),
            Expr::Path(path) => {
                let (head, attrs) = path.split_first().ok_or("an empty name")?;
                let mut attrs = attrs;
                let mut code = match self.lookup(head) {
                    Some(Binding::Set(local)) => format!("Cow::Borrowed(&{local})"),
                    Some(Binding::Loop(elem, ..)) => format!("Cow::Borrowed({elem})"),
                    None if head == "loop" => {
                        let (i, n) = self
                            .scopes
                            .iter()
                            .rev()
                            .find_map(|(_, b)| match b {
                                Binding::Loop(_, i, n) => Some((i, n)),
                                _ => None,
                            })
                            .ok_or("`loop` outside a for loop")?;
                        let (field, more) = attrs.split_first().ok_or("`loop` alone")?;
                        attrs = more;
                        match field.as_str() {
                            "last" => format!("rt::boolean({i} + 1 == {n})"),
                            "first" => format!("rt::boolean({i} == 0)"),
                            "index" => format!("rt::int(({i} + 1) as i64)"),
                            "index0" => format!("rt::int({i} as i64)"),
                            other => return Err(format!("`loop.{other}`")),
                        }
                    }
                    None => format!("rt::var(ctx, {head:?})?"),
                };
                for a in attrs {
                    code = format!("rt::attr({code}, {a:?})?");
                }
                code
            }
            Expr::Not(inner) => format!("rt::boolean(!rt::truthy(&*({})))", self.expr(inner)?),
            Expr::IsNone(inner, negated) => {
                let not = if *negated { "!" } else { "" };
                format!("rt::boolean({not}({}).is_null())", self.expr(inner)?)
            }
            Expr::Binary(op, l, r) => {
                let (l, r) = (self.expr(l)?, self.expr(r)?);
                match *op {
                    "and" => {
                        format!("({{ let l = {l}; if rt::truthy(&*l) {{ {r} }} else {{ l }} }})")
                    }
                    "or" => {
                        format!("({{ let l = {l}; if rt::truthy(&*l) {{ l }} else {{ {r} }} }})")
                    }
                    "==" => format!("rt::boolean(rt::equal(&*({l}), &*({r}))?)"),
                    "!=" => format!("rt::boolean(!rt::equal(&*({l}), &*({r}))?)"),
                    "in" => format!("rt::boolean(rt::contains(&*({r}), &*({l}))?)"),
                    "+" => format!("rt::add(&*({l}), &*({r}))?"),
                    "~" => format!("rt::concat(&*({l}), &*({r}))?"),
                    other => return Err(format!("the operator `{other}`")),
                }
            }
            Expr::Ternary(c, t, f) => format!(
                "(if rt::truthy(&*({})) {{ {} }} else {{ {} }})",
                self.expr(c)?,
                self.expr(t)?,
                self.expr(f)?
            ),
            Expr::Filter(inner, name, kwargs) => self.filter(inner, name, kwargs)?,
        })
    }

    /// A filter applied to `inner`, with its literal arguments.
    fn filter(
        &self,
        inner: &Expr,
        name: &str,
        kwargs: &[(String, Expr)],
    ) -> Result<String, String> {
        let value = self.expr(inner)?;
        let arg = |k: &str| kwargs.iter().find(|(key, _)| key == k).map(|(_, v)| v);
        Ok(match name {
            "yaml" | "shell" | "trim" => format!("rt::{name}(&*({value}))?"),
            "josa" => match arg("p") {
                Some(Expr::Str(p)) => format!("rt::josa(&*({value}), {p:?})?"),
                _ => return Err("`josa` needs a string `p`".into()),
            },
            "join" => match arg("sep") {
                Some(Expr::Str(sep)) => format!("rt::join(&*({value}), {sep:?})?"),
                None => format!("rt::join(&*({value}), \"\")?"),
                _ => return Err("`join` needs a string `sep`".into()),
            },
            "indent" => {
                let width = match arg("width") {
                    Some(Expr::Int(w)) => (*w).clamp(0, 1000),
                    None => 4,
                    _ => return Err("`indent` needs an integer `width`".into()),
                };
                let flag = |k: &str| match arg(k) {
                    Some(Expr::Bool(b)) => Ok(*b),
                    None => Ok(false),
                    _ => Err(format!("`indent` needs a boolean `{k}`")),
                };
                format!(
                    "rt::indent(&*({value}), {width}, {}, {})?",
                    flag("first")?,
                    flag("blank")?
                )
            }
            other => return Err(format!("the filter `{other}`")),
        })
    }

    fn nodes(&mut self, nodes: &[Node], top: bool) -> Result<(), String> {
        let scope_depth = self.scopes.len();
        for node in nodes {
            match node {
                Node::Text(t) => writeln!(self.code, "out.push_str({t:?});").unwrap(),
                Node::Print(e) => {
                    let code = self.expr(e)?;
                    writeln!(self.code, "rt::write(out, &*({code}))?;").unwrap()
                }
                Node::If(branches, otherwise) => {
                    for (i, (cond, body)) in branches.iter().enumerate() {
                        let cond = self.expr(cond)?;
                        let keyword = if i == 0 { "if" } else { "} else if" };
                        writeln!(self.code, "{keyword} rt::truthy(&*({cond})) {{").unwrap();
                        self.nodes(body, false)?;
                    }
                    if !otherwise.is_empty() {
                        writeln!(self.code, "}} else {{").unwrap();
                        self.nodes(otherwise, false)?;
                    }
                    writeln!(self.code, "}}").unwrap();
                }
                Node::For(var, iter, body) => {
                    let (held, elem, i, n) = (
                        self.fresh("held"),
                        self.fresh("elem"),
                        self.fresh("i"),
                        self.fresh("n"),
                    );
                    let iter = self.expr(iter)?;
                    writeln!(self.code, "let {held} = {iter};").unwrap();
                    writeln!(self.code, "let {held} = rt::array(&*({held}))?;").unwrap();
                    writeln!(self.code, "let {n} = {held}.len();").unwrap();
                    writeln!(
                        self.code,
                        "for ({i}, {elem}) in {held}.iter().enumerate() {{ let _ = ({i}, {n});"
                    )
                    .unwrap();
                    self.scopes
                        .push((var.clone(), Binding::Loop(elem, i.clone(), n.clone())));
                    self.nodes(body, false)?;
                    self.scopes.pop();
                    writeln!(self.code, "}}").unwrap();
                }
                Node::Set(name, body) => {
                    if !top {
                        return Err(format!("`set {name}` inside a block"));
                    }
                    let local = self.fresh("set");
                    writeln!(self.code, "let mut {local} = String::new();").unwrap();
                    writeln!(self.code, "{{ let out = &mut {local};").unwrap();
                    self.nodes(body, false)?;
                    writeln!(self.code, "}}").unwrap();
                    writeln!(self.code, "let {local} = Value::String({local});").unwrap();
                    self.scopes.push((name.clone(), Binding::Set(local)));
                }
            }
        }
        if !top {
            self.scopes.truncate(scope_depth);
        }
        Ok(())
    }
}

/// The Rust function `fn_name(ctx, out) -> Option<()>` rendering `src`.
pub fn compile(fn_name: &str, src: &str) -> Result<String, String> {
    let pieces = pieces(src)?;
    let mut items = items(&pieces).into_iter().peekable();
    let (tree, end) = nodes(&mut items, &[])?;
    if let Some(end) = end {
        return Err(format!("a stray `{end}`"));
    }
    let mut g = Gen {
        code: String::new(),
        scopes: Vec::new(),
        counter: 0,
    };
    g.nodes(&tree, true)?;
    Ok(format!(
        "#[allow(unused_variables, unused_mut, unused_parens, clippy::all, clippy::pedantic)]\nfn {fn_name}(ctx: &Value, out: &mut String) -> Option<()> {{\n{}Some(())\n}}\n",
        g.code
    ))
}

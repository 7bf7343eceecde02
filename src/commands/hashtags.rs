//! `amb hashtags test`.

use crate::cli::{HashtagsCommand, HashtagsTestArgs};
use crate::context::Context;
use crate::db::{self, programs};
use crate::service::hashtags;

pub fn run(ctx: &Context, command: HashtagsCommand) -> anyhow::Result<()> {
    match command {
        HashtagsCommand::Test(args) => test(ctx, args),
    }
}

fn test(ctx: &Context, args: HashtagsTestArgs) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let programs = match args.program.query() {
        Some(query) => vec![programs::resolve(&tx, query)?],
        None => programs::all(&tx)?,
    };
    let result = hashtags::test(&programs, &args.text);
    if result.in_text.is_empty() {
        ctx.note("the text has no hashtag (a tag starts with # after a space, punctuation or an emoji, and has a letter): a post with this text would not count");
    } else {
        ctx.note(format!(
            "hashtags in the text: {}",
            result.in_text.join(" ")
        ));
        if result.matches.is_empty() {
            ctx.note("none of them is a programme hashtag: a post with this text would not count");
        }
    }
    ctx.output().list(&result.matches)
}

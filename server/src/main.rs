//! `devops-lab`: serve the lab, or check a content folder.

use anyhow::Context;
use clap::Parser;
use devops_lab::config::{Cli, Command, ServeArgs};
use devops_lab::{build_router, build_state, check};
use tracing_subscriber::EnvFilter;

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check(args)) => exit_with(check::run(
            &args.dir,
            args.json,
            &mut std::io::stdout().lock(),
        )),
        Some(Command::Lint(args)) => exit_with(devops_lab::lint_cmd::run(
            args.kind,
            &args.file,
            args.json,
            &mut std::io::stdout().lock(),
        )),
        Some(Command::Grade(args)) => exit_with(devops_lab::grade_cmd::run(
            &args,
            &mut std::io::stdout().lock(),
        )),
        Some(Command::Serve(args)) => serve(args),
        None => serve(cli.serve),
    }
}

/// Exits with a command's code. Output cut short by a closed pipe (`| head`) ends the
/// process quietly with 141, as a shell reports SIGPIPE, instead of an error message.
fn exit_with(result: std::io::Result<i32>) -> ! {
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(141),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2)
        }
    }
}

fn serve(args: ServeArgs) -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,tower_http=warn,sqlx=warn")),
        )
        .init();
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let state = build_state(&args.db, &args.content, &args.site, args.addr).await?;
        let router = build_router(state).await?;
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        tracing::info!("DevOps Lab is ready on http://{}", listener.local_addr()?);
        axum::serve(listener, router)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .context("server error")
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}

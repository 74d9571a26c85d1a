from fastapi import FastAPI


def create_app():
    """Builds the account API. The grader calls create_app() once per test and serves the app
    itself: do not call uvicorn.run()."""
    app = FastAPI()

    # TODO: POST /users, GET /users/{id}, PATCH /users/{id}, DELETE /users/{id}

    return app

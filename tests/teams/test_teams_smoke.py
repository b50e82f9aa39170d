def test_start_and_status(running) -> None:
    status, _ = running.say("start Zaanstad")
    assert status == 200
    status, _ = running.say("status")
    assert status == 200
    print(running.standin.texts())
    assert len(running.standin.sent()) >= 2
